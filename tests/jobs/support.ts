import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../backend/clock.ts';
import type { Db } from '../../backend/db/client.ts';

/** A clock a test moves by hand; it starts an hour ahead, so jobs enqueued at the database's now are due. */
export interface HandClock extends Clock {
  advance(ms: number): void;
}

export function handClock(start = new Date(Date.now() + 60 * 60_000)): HandClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
  };
}

/** A queue name no other test uses: the worker claims only the queues it has handlers for. */
export const aQueue = (what: string) => `test.${what}.${randomUUID().slice(0, 8)}`;

export interface StoredJob {
  id: string;
  state: string;
  attempts: number;
  last_error: string | null;
  run_at: string;
  locked_by: string | null;
}

/** Read as the login role, as the worker reads it: the queue is outside row-level security. */
export async function jobsOf(db: Db, queue: string): Promise<StoredJob[]> {
  return [
    ...(await db.execute<StoredJob & Record<string, unknown>>(sql`
      select id, state, attempts, last_error, run_at::text, locked_by from jobs where queue = ${queue} order by created_at, id`)),
  ];
}

/** A promise and the function that resolves it: a handler waits on it while the test looks. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
