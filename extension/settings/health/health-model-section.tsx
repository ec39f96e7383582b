import './health-settings.css';
import { useQuery } from '@tanstack/react-query';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { membersKey } from '../members/members-query.ts';
import { CalibrationSection } from './calibration-section.tsx';
import { healthModelKey, healthVersionsKey } from './health-model-query.ts';
import { ModelForm } from './model-form.tsx';
import { ModelSummary } from './model-summary.tsx';
import { ModelVersions } from './model-versions.tsx';

/** The health model: an admin edits it (each save a new version); everyone else reads it. */
export function HealthModelSection({ api, me }: { api: ApiClient; me: UserOutput }) {
  const model = useQuery({ queryKey: healthModelKey, queryFn: () => api.health.model.query() });
  const versions = useQuery({ queryKey: healthVersionsKey, queryFn: () => api.health.versions.query() });
  const members = useQuery({ queryKey: membersKey, queryFn: () => api.users.list.query() });
  return (
    <>
      <section className="card" aria-labelledby="health-model-heading">
        <h2 id="health-model-heading">Health model</h2>
        <p className="muted small">
          Each signal scores 0–100; the health score is their weighted mean, the weights of signals with no
          data shared among the rest.
        </p>
        {model.error ? (
          <ErrorAlert error={model.error} />
        ) : !model.data ? (
          <PanelSkeleton label="Loading the health model" />
        ) : me.role === 'admin' ? (
          <ModelForm api={api} model={model.data} />
        ) : (
          <ModelSummary model={model.data} />
        )}
      </section>
      <section className="card" aria-labelledby="health-versions-heading">
        <h2 id="health-versions-heading">Versions</h2>
        {versions.error ? (
          <ErrorAlert error={versions.error} />
        ) : !versions.data ? (
          <PanelSkeleton label="Loading the versions" />
        ) : (
          <ModelVersions
            versions={versions.data}
            members={members.data ?? []}
            current={model.data?.version ?? 0}
          />
        )}
      </section>
      <CalibrationSection api={api} current={model.data?.weights ?? null} isAdmin={me.role === 'admin'} />
    </>
  );
}
