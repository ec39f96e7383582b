import { type JobHandler, orgOfJob, type Schedule } from '../jobs/handlers.ts';
import { recomputeCustomers, recomputeOrg } from './recompute.ts';
import { recomputeCustomerQueue, recomputeOrgQueue } from './recompute-requests.ts';

/** A new signal's customer: the same code as the org's recompute, with a batch of one. */
const recomputeCustomerJob: JobHandler = async (deps, job) => {
  const org = orgOfJob(job);
  const customerId = job.payload.customerId;
  if (typeof customerId !== 'string') throw new Error('health.recompute-customer needs a customerId');
  await recomputeCustomers({ orgId: org.orgId, inOrg: org.inOrg, now: deps.clock.now() }, [customerId]);
};

/** Every customer of the org, in short batches; progress after each one. */
const recomputeOrgJob: JobHandler = async (deps, job) => {
  const org = orgOfJob(job);
  await recomputeOrg({
    orgId: org.orgId,
    inOrg: org.inOrg,
    now: deps.clock.now(),
    signal: job.signal,
    onProgress: ({ done, total }) => job.reportProgress(done, total, 'customers scored'),
  });
};

export const healthJobHandlers: Record<string, JobHandler> = {
  [recomputeCustomerQueue]: recomputeCustomerJob,
  [recomputeOrgQueue]: recomputeOrgJob,
};

/** Every org's scores once a day (usage and ages move even when no signal arrives). */
export const healthSchedules: Schedule[] = [
  {
    name: 'health.daily-recompute',
    queue: recomputeOrgQueue,
    perOrg: true,
    every: { kind: 'daily', hourUtc: 3 },
  },
];
