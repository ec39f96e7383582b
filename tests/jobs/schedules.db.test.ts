import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../backend/jobs/handlers.ts';
import { currentSlot } from '../../backend/jobs/schedules.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { anOrg } from '../support/builders.ts';
import { aQueue, handClock } from './support.ts';

const clock = handClock(new Date('2031-03-10T05:59:00Z'));
const suite = suiteWithApp({ clock });

/** A fresh worker is what a restart gives: nothing of the last one's memory. */
const restartedWorker = (schedules: Schedule[]) =>
  jobWorkerFor(suite.testDb.database, suite.app.deps, {
    handlers: Object.fromEntries(schedules.map((s) => [s.queue, async () => {}])),
    schedules,
  });

async function jobsIn(queue: string) {
  return suite.testDb.database.db.execute<{ org_id: string | null; payload: Record<string, string> }>(
    sql`select org_id, payload from jobs where queue = ${queue} order by org_id, created_at`,
  );
}

describe('currentSlot', () => {
  const daily: Schedule = { name: 'd', queue: 'q', perOrg: false, every: { kind: 'daily', hourUtc: 6 } };
  it('is the last daily hour at or before now', () => {
    expect(currentSlot(daily, new Date('2031-03-10T05:59:59Z')).toISOString()).toBe(
      '2031-03-09T06:00:00.000Z',
    );
    expect(currentSlot(daily, new Date('2031-03-10T06:00:00Z')).toISOString()).toBe(
      '2031-03-10T06:00:00.000Z',
    );
    expect(currentSlot(daily, new Date('2031-03-10T23:00:00Z')).toISOString()).toBe(
      '2031-03-10T06:00:00.000Z',
    );
  });
  it('is the last interval boundary', () => {
    const every15: Schedule = { ...daily, every: { kind: 'interval', ms: 15 * 60_000 } };
    expect(currentSlot(every15, new Date('2031-03-10T06:29:59Z')).toISOString()).toBe(
      '2031-03-10T06:15:00.000Z',
    );
  });
});

describe('schedules', () => {
  it('run each slot once, across restarts and two workers, and the next slot when it comes', async () => {
    const queue = aQueue('daily');
    const schedule: Schedule = { name: queue, queue, perOrg: false, every: { kind: 'daily', hourUtc: 6 } };
    // Started after a slot was missed: that latest slot runs now.
    expect(await restartedWorker([schedule]).fireSchedules()).toBe(1);
    const [first] = await jobsIn(queue);
    expect(first).toEqual({ org_id: null, payload: { schedule: queue, slotAt: '2031-03-09T06:00:00.000Z' } });

    const running = restartedWorker([schedule]);
    expect(await running.fireSchedules()).toBe(0);
    expect(await restartedWorker([schedule]).fireSchedules()).toBe(0);
    expect(await jobsIn(queue)).toHaveLength(1);

    expect((await running.runOnce()).kind).toBe('done');
    clock.advance(60_000);
    const [a, b] = [restartedWorker([schedule]), restartedWorker([schedule])];
    expect((await Promise.all([a.fireSchedules(), b.fireSchedules()])).sort()).toEqual([0, 1]);
    expect((await jobsIn(queue)).map((job) => job.payload.slotAt)).toEqual([
      '2031-03-09T06:00:00.000Z',
      '2031-03-10T06:00:00.000Z',
    ]);
  });

  it('give every org a job of its own when the schedule is per org', async () => {
    const [one, two] = [await anOrg(suite.testDb.database.db), await anOrg(suite.testDb.database.db)];
    const queue = aQueue('per-org');
    const schedule: Schedule = {
      name: queue,
      queue,
      perOrg: true,
      every: { kind: 'interval', ms: 60 * 60_000 },
    };
    const enqueued = await restartedWorker([schedule]).fireSchedules();
    const orgIds = (await jobsIn(queue)).map((job) => job.org_id);
    expect(orgIds).toHaveLength(enqueued);
    expect(orgIds).toEqual(expect.arrayContaining([one.id, two.id]));
    expect(new Set(orgIds).size).toBe(orgIds.length);
  });
});
