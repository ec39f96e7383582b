import { describe, expect, it } from 'vitest';
import { followJob } from '../../backend/jobs/follow.ts';
import { enqueueJob } from '../../backend/jobs/queue.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aQueue } from './support.ts';

const suite = suiteWithApp();

/** What a terminal shows: the bar is drawn on a TTY only. */
function terminal() {
  let written = '';
  const stream = {
    isTTY: true,
    write(chunk: string) {
      written += chunk;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written: () => written };
}

describe('followJob', () => {
  it("draws a job's progress as a bar until it is done, and reports a dead job's error", async () => {
    const queue = aQueue('follow');
    const worker = jobWorkerFor(
      suite.testDb.database,
      suite.app.deps,
      {
        handlers: {
          [queue]: async (_deps, job) => {
            if (job.payload.fail) throw new Error('nothing to recompute');
            for (let done = 0; done <= 40; done += 10) {
              await job.reportProgress(done, 40, 'customers');
              // Longer than the worker's 250 ms between progress writes, so each step is written and can be drawn.
              await new Promise((resolve) => setTimeout(resolve, 300));
            }
          },
        },
        schedules: [],
      },
      { pollMs: 20, random: () => 1 },
    );
    worker.start();
    try {
      const { db } = suite.testDb.database;
      const ok = await db.transaction((tx) => enqueueJob(tx, { queue, orgId: null, payload: {} }));
      const screen = terminal();
      expect(await followJob(db, ok.id, { stream: screen.stream, label: 'Recomputing', pollMs: 20 })).toEqual(
        {
          state: 'done',
          lastError: null,
        },
      );
      expect(screen.written()).toContain('Recomputing');
      expect(screen.written()).toContain('100% 40/40');
      expect(screen.written()).toMatch(/ {2}\d{2}% \d{2}\/40/);

      const failing = await db.transaction((tx) =>
        enqueueJob(tx, { queue, orgId: null, payload: { fail: true }, maxAttempts: 1 }),
      );
      expect(await followJob(db, failing.id, { stream: terminal().stream, label: 'x', pollMs: 20 })).toEqual({
        state: 'dead',
        lastError: 'nothing to recompute',
      });
    } finally {
      await worker.stop();
    }
  });
});
