import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import {
  type HealthComponent,
  type HealthModel,
  type HealthModelInput,
  healthComponents,
  healthModelInput,
} from '../../../shared/api/health.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { componentWords } from '../../sidebar/health/health-format.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { sectionHref } from '../route.ts';
import { healthModelKey, healthVersionsKey } from './health-model-query.ts';

type Draft = {
  weights: Record<HealthComponent, string>;
  healthy: string;
  atRisk: string;
  dropAlertPoints: string;
};

function draftOf(model: HealthModel): Draft {
  return {
    weights: Object.fromEntries(
      healthComponents.map((c) => [c, String(model.weights[c])]),
    ) as Draft['weights'],
    healthy: String(model.thresholds.healthy),
    atRisk: String(model.thresholds.atRisk),
    dropAlertPoints: String(model.dropAlertPoints),
  };
}

/** The draft as the API takes it, or the first reason it would refuse it, in the form's words. */
function readDraft(draft: Draft): { input: HealthModelInput } | { problem: string } {
  const parsed = healthModelInput.safeParse({
    weights: Object.fromEntries(healthComponents.map((c) => [c, Number(draft.weights[c])])),
    thresholds: { healthy: Number(draft.healthy), atRisk: Number(draft.atRisk) },
    dropAlertPoints: Number(draft.dropAlertPoints),
  });
  if (parsed.success) return { input: parsed.data };
  const issue = parsed.error.issues[0];
  const [field] = issue?.path ?? [];
  if (issue?.message.includes('at least one weight'))
    return { problem: 'At least one weight must be above 0.' };
  if (issue?.message.includes('threshold'))
    return { problem: 'The at-risk line must be below the healthy one.' };
  if (field === 'weights') return { problem: 'Each weight is a number from 0 to 100.' };
  if (field === 'dropAlertPoints')
    return { problem: 'The drop alert is a whole number of points from 1 to 100.' };
  return { problem: 'The healthy line is from 1 to 100, the at-risk line from 0 to 99.' };
}

/**
 * An admin's edit of the model: each component's weight (its share of the total is shown, as the score
 * uses it), the bands' lines and the drop that raises an alert. Saving makes a new version; scores
 * computed before keep the version they were computed with.
 */
export function ModelForm({ api, model }: { api: ApiClient; model: HealthModel }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(model));
  const read = readDraft(draft);
  const total = healthComponents.reduce((sum, c) => sum + (Number(draft.weights[c]) || 0), 0);
  const save = useMutation({
    mutationFn: (input: HealthModelInput) => api.health.updateModel.mutate(input),
    onSuccess: (saved) => {
      setDraft(draftOf(saved));
      // Not awaited: "Saved" shows at once, and the form stays this one as the lists refresh.
      void queryClient.invalidateQueries({ queryKey: healthModelKey });
      void queryClient.invalidateQueries({ queryKey: healthVersionsKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    if ('input' in read) save.mutate(read.input);
  };
  const field = (name: 'healthy' | 'atRisk' | 'dropAlertPoints', label: string, help: string) => (
    <div>
      <label htmlFor={`${ids}-${name}`}>{label}</label>
      <input
        id={`${ids}-${name}`}
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        value={draft[name]}
        aria-describedby={`${ids}-${name}-help`}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
      <p id={`${ids}-${name}-help`} className="muted small">
        {help}
      </p>
    </div>
  );
  return (
    <form onSubmit={submit} aria-label="Health model">
      <fieldset className="weights">
        <legend>Weights</legend>
        {healthComponents.map((component) => {
          const weight = Number(draft.weights[component]) || 0;
          return (
            <div key={component} className="weight">
              <label htmlFor={`${ids}-${component}`}>{componentWords[component]}</label>
              <input
                id={`${ids}-${component}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                value={draft.weights[component]}
                onChange={(e) =>
                  setDraft({ ...draft, weights: { ...draft.weights, [component]: e.target.value } })
                }
              />
              <span className="muted small share">
                {total > 0 ? `${Math.round((weight / total) * 100)} %` : '—'}
              </span>
            </div>
          );
        })}
      </fieldset>
      <div className="fields">
        {field('healthy', 'Healthy from', 'A score at or above this is healthy.')}
        {field('atRisk', 'At risk below', 'A score below this is at risk; between the two, watch.')}
        {field(
          'dropAlertPoints',
          'Drop alert (points)',
          'A fall of this many points within 7 days raises an alert.',
        )}
      </div>
      {'problem' in read && (
        <p role="alert" className="error">
          {read.problem}
        </p>
      )}
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="small">
          Saved as version {save.data.version}. Every score is being recomputed with it.
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className="primary" disabled={save.isPending || 'problem' in read}>
          {save.isPending ? 'Saving…' : 'Save as a new version'}
        </button>
        <RecomputeButton api={api} />
      </div>
    </form>
  );
}

/** Every score again now, with the model in use: a background job of its own, one at a time. */
function RecomputeButton({ api }: { api: ApiClient }) {
  const recompute = useMutation({ mutationFn: () => api.health.recompute.mutate() });
  return (
    <>
      <button type="button" disabled={recompute.isPending} onClick={() => recompute.mutate()}>
        {recompute.isPending ? 'Starting…' : 'Recompute every score now'}
      </button>
      {recompute.isSuccess && (
        <p role="status" className="small">
          {recompute.data.enqueued ? 'Recomputing' : 'A recompute was already waiting'}: progress in{' '}
          <a href={sectionHref('/jobs')}>Background jobs</a>.
        </p>
      )}
      {recompute.isError && <ErrorAlert error={recompute.error} />}
    </>
  );
}
