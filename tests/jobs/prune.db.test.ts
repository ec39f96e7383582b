import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { keepDeadMs, keepDoneMs, pruneFinishedJobs } from '../../backend/jobs/prune.ts';
import { enqueueJob } from '../../backend/jobs/queue.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { aQueue, jobsOf } from './support.ts';

const dayMs = 24 * 60 * 60_000;

describe('pruneFinishedJobs', () => {
  it('drops done jobs after a week and dead ones after a month, keeping queued, running and recent ones', async () => {
    const testDb = await createTestDatabase();
    try {
      const { db } = testDb.database;
      const now = new Date();
      const queue = aQueue('prune');
      const jobAt = async (state: string, finishedDaysAgo: number | null) => {
        const { id } = await db.transaction((tx) =>
          enqueueJob(tx, { queue, orgId: null, payload: { state } }),
        );
        const finishedAt =
          finishedDaysAgo === null ? null : new Date(now.getTime() - finishedDaysAgo * dayMs);
        await db.execute(sql`
          update jobs set state = ${state}::job_state, finished_at = ${finishedAt?.toISOString() ?? null}::timestamptz
          where id = ${id}`);
        return id;
      };
      const keep = [
        await jobAt('done', keepDoneMs / dayMs - 1),
        await jobAt('dead', keepDeadMs / dayMs - 1),
        await jobAt('queued', null),
        await jobAt('running', null),
      ];
      await jobAt('done', keepDoneMs / dayMs + 1);
      await jobAt('dead', keepDeadMs / dayMs + 1);
      expect(await pruneFinishedJobs(db, now)).toBe(2);
      expect((await jobsOf(db, queue)).map((job) => job.id).sort()).toEqual([...keep].sort());
    } finally {
      await testDb.drop();
    }
  });
});
