import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { JobPayload } from './schema.ts';

export interface ClaimedJob {
  id: string;
  queue: string;
  orgId: string | null;
  payload: JobPayload;
  /** This run's number, 1 on the first. */
  attempt: number;
  maxAttempts: number;
  /** True when a worker held it before and its lease ran out (it crashed or stalled). */
  leaseExpired: boolean;
}

type ClaimedRow = {
  id: string;
  queue: string;
  org_id: string | null;
  payload: JobPayload;
  attempts: number;
  max_attempts: number;
  prev_state: string;
};

const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;

/**
 * The queue's own bookkeeping commits without waiting for the disk (on a real server a commit's
 * flush is most of a claim's time). A crash can lose the last few: a lost claim leaves the job
 * queued, a lost outcome leaves it running until its lease runs out and it runs again — which a
 * handler must bear anyway. Locks and visibility are the same as with a flushed commit.
 */
function bookkeeping<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('synchronous_commit', 'off', true)`);
    return work(tx);
  });
}

/**
 * One statement, so one short transaction: the oldest due job of these queues, or a running one
 * whose lease ran out, is locked with SKIP LOCKED (another worker's claim in flight is passed over,
 * not waited for) and marked as ours until `lockedUntil`.
 */
export async function claimJob(
  db: Db,
  claim: { queues: string[]; workerId: string; now: Date; lockedUntil: Date },
): Promise<ClaimedJob | undefined> {
  if (claim.queues.length === 0) return undefined;
  const [row] = await bookkeeping(db, (tx) =>
    tx.execute<ClaimedRow>(sql`
    update jobs j set state = 'running', attempts = j.attempts + 1, locked_by = ${claim.workerId},
      locked_until = ${at(claim.lockedUntil)}, started_at = coalesce(j.started_at, ${at(claim.now)})
    from (
      select id, state as prev_state from jobs
      where queue in (${sql.join(
        claim.queues.map((queue) => sql`${queue}`),
        sql`, `,
      )})
        and ((state = 'queued' and run_at <= ${at(claim.now)}) or (state = 'running' and locked_until < ${at(claim.now)}))
      order by run_at
      limit 1
      for update skip locked
    ) due
    where j.id = due.id
    returning j.id, j.queue, j.org_id, j.payload, j.attempts, j.max_attempts, due.prev_state`),
  );
  if (!row) return undefined;
  return {
    id: row.id,
    queue: row.queue,
    orgId: row.org_id,
    payload: row.payload,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    leaseExpired: row.prev_state === 'running',
  };
}

/** False when the job is no longer ours (our lease ran out and another worker took it). */
export async function extendLease(db: Db, id: string, workerId: string, lockedUntil: Date): Promise<boolean> {
  const rows = await bookkeeping(db, (tx) =>
    tx.execute(sql`
      update jobs set locked_until = ${at(lockedUntil)}
      where id = ${id} and state = 'running' and locked_by = ${workerId}`),
  );
  return rows.count > 0;
}

export async function recordProgress(
  db: Db,
  id: string,
  workerId: string,
  progress: { done: number; total: number; label: string | null },
): Promise<void> {
  await bookkeeping(db, (tx) =>
    tx.execute(sql`
    update jobs set progress_done = ${Math.round(progress.done)}, progress_total = ${Math.round(progress.total)},
      progress_label = coalesce(${progress.label}, progress_label)
    where id = ${id} and state = 'running' and locked_by = ${workerId}`),
  );
}

export async function recordDone(db: Db, id: string, workerId: string, now: Date): Promise<void> {
  await bookkeeping(db, (tx) =>
    tx.execute(sql`
    update jobs set state = 'done', finished_at = ${at(now)}, locked_by = null, locked_until = null
    where id = ${id} and state = 'running' and locked_by = ${workerId}`),
  );
}

export async function recordDead(
  db: Db,
  id: string,
  workerId: string,
  failure: { now: Date; error: string },
): Promise<void> {
  await bookkeeping(db, (tx) =>
    tx.execute(sql`
    update jobs set state = 'dead', last_error = ${failure.error}, finished_at = ${at(failure.now)},
      locked_by = null, locked_until = null
    where id = ${id} and state = 'running' and locked_by = ${workerId}`),
  );
}

/**
 * Back in the queue at `runAt`. A job queued meanwhile under the same singleton key would collide
 * with it (one queued job per key): that one is dropped, as this one does the same work when it runs.
 * `countAttempt: false` gives back the attempt (the server stopped it; the job did not fail).
 */
export async function requeue(
  db: Db,
  id: string,
  workerId: string,
  retry: { runAt: Date; error: string | null; countAttempt: boolean },
): Promise<void> {
  await bookkeeping(db, async (tx) => {
    const [mine] = await tx.execute<{ queue: string; singleton_key: string | null }>(sql`
      select queue, singleton_key from jobs where id = ${id} and state = 'running' and locked_by = ${workerId}
      for update`);
    if (!mine) return;
    if (mine.singleton_key !== null)
      await tx.execute(sql`
        delete from jobs where queue = ${mine.queue} and singleton_key = ${mine.singleton_key} and state = 'queued'`);
    await tx.execute(sql`
      update jobs set state = 'queued', run_at = ${at(retry.runAt)}, last_error = coalesce(${retry.error}, last_error),
        attempts = attempts - ${retry.countAttempt ? 0 : 1}, locked_by = null, locked_until = null
      where id = ${id}`);
  });
}
