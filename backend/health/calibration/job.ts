import { type JobHandler, orgOfJob } from '../../jobs/handlers.ts';
import { calibrateOrg } from './calibrate-org.ts';

export const calibrateOrgQueue = 'health.calibrate-org';

/** Fits the org's weights to its outcomes and stores the result (`health.calibration` reads it). */
const calibrateOrgJob: JobHandler = async (deps, job) => {
  const org = orgOfJob(job);
  const requestedBy = job.payload.requestedBy;
  await calibrateOrg(org, {
    createdBy: typeof requestedBy === 'string' ? requestedBy : null,
    now: deps.clock.now(),
  });
};

export const calibrationJobHandlers: Record<string, JobHandler> = { [calibrateOrgQueue]: calibrateOrgJob };
