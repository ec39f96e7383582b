import type { Db } from '../db/client.ts';
import { enqueueJob } from '../jobs/queue.ts';

export const recomputeCustomerQueue = 'health.recompute-customer';
export const recomputeOrgQueue = 'health.recompute-org';

/** Beyond this many customers at once (an import), one recompute of the org is cheaper than a job each. */
const perCustomerLimit = 100;

/**
 * Asks for the customers' scores to be recomputed soon, inside the caller's transaction (so the jobs
 * commit with the signals that caused them). Coalesced: at most one waiting recompute per customer,
 * however many signals arrive before it runs.
 */
export async function requestHealthRecompute(
  tx: Db,
  orgId: string,
  customerIds: Iterable<string>,
): Promise<void> {
  const distinct = new Set(customerIds);
  if (distinct.size > perCustomerLimit) {
    await requestOrgRecompute(tx, orgId);
    return;
  }
  for (const customerId of distinct) {
    await enqueueJob(tx, {
      queue: recomputeCustomerQueue,
      orgId,
      payload: { customerId },
      singletonKey: `customer:${customerId}`,
    });
  }
}

/** The whole org, coalesced with a waiting one. */
export function requestOrgRecompute(tx: Db, orgId: string): Promise<{ id: string; enqueued: boolean }> {
  return enqueueJob(tx, { queue: recomputeOrgQueue, orgId, payload: {}, singletonKey: 'org' });
}
