import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { JobPayload } from './schema.ts';

export interface JobToEnqueue {
  /** The handler's name in backend/jobs/registry.ts, e.g. `health.recompute-customer`. */
  queue: string;
  /** The org the job works in; null for work of no org. Inside a request it must be the caller's org. */
  orgId: string | null;
  /** Ids and flags only, never customer data: the queue sits outside row-level security. */
  payload: JobPayload;
  /** Not before this moment (the database's clock when absent). */
  runAt?: Date;
  /**
   * At most one queued job per key, queue and org: enqueueing again while one waits returns that job
   * (its run_at moved to the earlier of the two). A job that has started no longer coalesces.
   */
  singletonKey?: string;
  /** Runs before it is dead (5 when absent). */
  maxAttempts?: number;
}

/**
 * Inside the caller's transaction (a request's, or an inOrg), so the job commits with the write that
 * caused it: a rolled-back write leaves no job. Through `cscx_enqueue_job` (migration 0016), which
 * holds a request to its own org; `enqueued` is false when the job coalesced into a queued one.
 */
export async function enqueueJob(tx: Db, job: JobToEnqueue): Promise<{ id: string; enqueued: boolean }> {
  const [row] = await tx.execute<{ job_id: string; enqueued: boolean }>(sql`
    select job_id, enqueued from cscx_enqueue_job(${job.queue}, ${job.orgId}::uuid, ${JSON.stringify(job.payload)}::jsonb,
      ${job.runAt?.toISOString() ?? null}::timestamptz, ${job.singletonKey ?? null}, ${job.maxAttempts ?? null}::integer)`);
  if (!row) throw new Error('cscx_enqueue_job returned no row');
  return { id: row.job_id, enqueued: row.enqueued };
}
