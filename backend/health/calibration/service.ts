import type { AdoptCalibrationInput } from '../../../shared/api/health-calibration.ts';
import type { OrgDeps } from '../../deps.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { adoptCalibration } from './adopt-calibration.ts';
import { refuseTooFewOutcomes } from './calibrate-org.ts';
import { readLatestCalibration } from './calibration-output.ts';
import { calibrateOrgQueue } from './job.ts';
import { countLatestOutcomes } from './outcome-features.ts';

/**
 * `health.calibrate`: refuses an org without enough history at once, else queues the fit (it reads
 * every customer with an outcome: a job's short transactions, never the request's). The result is
 * read with `health.calibration` when the job is done.
 */
export async function requestCalibration(deps: OrgDeps): Promise<{ jobId: string; enqueued: boolean }> {
  const { db, principal } = deps;
  refuseTooFewOutcomes(await countLatestOutcomes(db, principal.orgId));
  const job = await enqueueJob(db, {
    queue: calibrateOrgQueue,
    orgId: principal.orgId,
    payload: { requestedBy: principal.userId },
    singletonKey: 'calibrate',
    maxAttempts: 2,
  });
  return { jobId: job.id, enqueued: job.enqueued };
}

export function latestCalibration(deps: OrgDeps) {
  return readLatestCalibration(deps.db, deps.principal.orgId);
}

export function adoptLatestCalibration(deps: OrgDeps, input: AdoptCalibrationInput) {
  return adoptCalibration(deps.db, {
    orgId: deps.principal.orgId,
    calibrationId: input.calibrationId,
    adoptedBy: deps.principal.userId,
    now: deps.clock.now(),
  });
}
