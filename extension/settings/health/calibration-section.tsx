import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { HealthWeights } from '../../../shared/api/health.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { sectionHref } from '../route.ts';
import { CalibrationResult } from './calibration-result.tsx';
import { calibrationKey } from './health-model-query.ts';

/** How often the page asks for the result while a calibration it queued runs. */
const waitingPollMs = 2_000;

/**
 * The last calibration of the weights against the org's renewals and churn, and (for an admin) a new
 * one: it runs as a background job, and its result replaces the shown one when it is done.
 */
export function CalibrationSection({
  api,
  current,
  isAdmin,
}: {
  api: ApiClient;
  current: HealthWeights | null;
  isAdmin: boolean;
}) {
  // The run shown when a new one was asked for ('' for none): waiting ends when another arrives.
  const [waitingAfter, setWaitingAfter] = useState<string | null>(null);
  const calibration = useQuery({
    queryKey: calibrationKey,
    queryFn: () => api.health.calibration.query(),
    refetchInterval: (query) =>
      waitingAfter !== null && (query.state.data?.id ?? '') === waitingAfter ? waitingPollMs : false,
  });
  const waiting = waitingAfter !== null && (calibration.data?.id ?? '') === waitingAfter;
  const calibrate = useMutation({
    mutationFn: () => api.health.calibrate.mutate(),
    onSuccess: () => setWaitingAfter(calibration.data?.id ?? ''),
  });
  return (
    <section className="card" aria-labelledby="health-calibration-heading">
      <h2 id="health-calibration-heading">Calibration</h2>
      <p className="muted small">
        Fits the weights to customers marked churned or renewed, and compares both models on customers the fit
        never saw.
      </p>
      {calibration.error ? (
        <ErrorAlert error={calibration.error} />
      ) : calibration.data === undefined ? (
        <PanelSkeleton label="Loading the last calibration" />
      ) : calibration.data === null ? (
        <p className="muted">No calibration yet.</p>
      ) : (
        current && (
          <CalibrationResult api={api} calibration={calibration.data} current={current} canAdopt={isAdmin} />
        )
      )}
      {isAdmin && (
        <>
          {waiting ? (
            <p role="status" className="small">
              Calibrating… the result shows here when it is done (progress in{' '}
              <a href={sectionHref('/jobs')}>Background jobs</a>).
            </p>
          ) : (
            <button type="button" disabled={calibrate.isPending} onClick={() => calibrate.mutate()}>
              {calibrate.isPending ? 'Starting…' : 'Calibrate now'}
            </button>
          )}
          {calibrate.isError && <ErrorAlert error={calibrate.error} />}
        </>
      )}
    </section>
  );
}
