import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Transactions } from '../db/tenancy.ts';
import type { Schedule } from './handlers.ts';
import { enqueueJob } from './queue.ts';

const dayMs = 24 * 60 * 60_000;

/** The slot a schedule is in at `now`: the last daily hour or interval boundary at or before it. */
export function currentSlot(schedule: Schedule, now: Date): Date {
  const every = schedule.every;
  if (every.kind === 'interval') return new Date(Math.floor(now.getTime() / every.ms) * every.ms);
  const today = Math.floor(now.getTime() / dayMs) * dayMs + every.hourUtc * 60 * 60_000;
  return new Date(today <= now.getTime() ? today : today - dayMs);
}

/**
 * Writes the slot once (its key is the schedule's name and time) and, in the same transaction,
 * enqueues its jobs: of two servers, or of one before and after a restart, only the first writer of
 * a slot enqueues. A slot missed while no server ran is run when one starts (the latest slot only).
 * Returns how many jobs it enqueued.
 */
export async function fireSlot(
  db: Db,
  transactions: Transactions,
  schedule: Schedule,
  slotAt: Date,
): Promise<number> {
  // The org list is read before, as the credentials role: the login role sees no org's rows on a real server.
  const orgIds = schedule.perOrg
    ? await transactions.inAuthLookup(async (tx) =>
        (await tx.execute<{ id: string }>(sql`select id from orgs order by id`)).map((row) => row.id),
      )
    : [null];
  return db.transaction(async (tx) => {
    const written = await tx.execute(sql`
      insert into job_schedule_slots (schedule, slot_at) values (${schedule.name}, ${slotAt.toISOString()}::timestamptz)
      on conflict do nothing`);
    if (written.count === 0) return 0;
    for (const orgId of orgIds) {
      await enqueueJob(tx, {
        queue: schedule.queue,
        orgId,
        payload: { schedule: schedule.name, slotAt: slotAt.toISOString() },
        singletonKey: `schedule:${schedule.name}`,
      });
    }
    return orgIds.length;
  });
}
