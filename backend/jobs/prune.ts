import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

const dayMs = 24 * 60 * 60_000;
/** How long finished jobs stay listed: done ones a week, dead ones (with their error) a month. */
export const keepDoneMs = 7 * dayMs;
export const keepDeadMs = 30 * dayMs;
/** Rows per statement: the embedded database runs one statement at a time, so each stays short. */
const pruneBatch = 1_000;

/**
 * Deletes finished jobs past their keeping time, and schedule slots older than a month (a slot is
 * only ever compared with the current one). Returns how many jobs went.
 */
export async function pruneFinishedJobs(db: Db, now: Date): Promise<number> {
  const doneBefore = new Date(now.getTime() - keepDoneMs).toISOString();
  const deadBefore = new Date(now.getTime() - keepDeadMs).toISOString();
  let removed = 0;
  for (;;) {
    const deleted = await db.execute(sql`
      delete from jobs where id in (
        select id from jobs
        where (state = 'done' and finished_at < ${doneBefore}::timestamptz)
           or (state = 'dead' and finished_at < ${deadBefore}::timestamptz)
        limit ${pruneBatch})`);
    removed += deleted.count;
    if (deleted.count < pruneBatch) break;
  }
  await db.execute(sql`delete from job_schedule_slots where slot_at < ${deadBefore}::timestamptz`);
  return removed;
}
