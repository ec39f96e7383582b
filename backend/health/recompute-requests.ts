import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { arrayParam } from '../imports/sql-arrays.ts';
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
  if (distinct.size === 0) return;
  // One statement for the batch (a round trip per customer held the request's transaction open for
  // each): the same job per customer that enqueueJob makes, coalesced by the same key.
  await tx.execute(sql`
    select q.job_id from unnest(${arrayParam([...distinct], 'uuid')}) as c(id)
    cross join lateral cscx_enqueue_job(${recomputeCustomerQueue}, ${orgId}::uuid,
      jsonb_build_object('customerId', c.id), null, 'customer:' || c.id, null) as q`);
}

/** The whole org, coalesced with a waiting one. */
export function requestOrgRecompute(tx: Db, orgId: string): Promise<{ id: string; enqueued: boolean }> {
  return enqueueJob(tx, { queue: recomputeOrgQueue, orgId, payload: {}, singletonKey: 'org' });
}
