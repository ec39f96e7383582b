import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { JobContext, JobHandler } from '../../backend/jobs/handlers.ts';
import { enqueueJob } from '../../backend/jobs/queue.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { anOrg } from '../support/builders.ts';
import { testTarget } from '../support/test-database.ts';
import { aQueue, handClock, jobsOf } from './support.ts';

const clock = handClock();
const suite = suiteWithApp({ clock });
const db = () => suite.testDb.database.db;

/** A worker stepped by hand, with no jitter (random 1 = the whole delay). */
function workerFor(handlers: Record<string, JobHandler>, leaseMs = 60_000) {
  return jobWorkerFor(
    suite.testDb.database,
    suite.app.deps,
    { handlers, schedules: [] },
    { leaseMs, random: () => 1 },
  );
}

const failing: JobHandler = async () => {
  throw new Error('the upstream said no');
};

describe('enqueueJob', () => {
  it('commits with the transaction that enqueued it: a rolled-back write leaves no job', async () => {
    const org = await anOrg(db());
    const queue = aQueue('commit');
    await inOrg(db(), org.id, (tx) => enqueueJob(tx, { queue, orgId: org.id, payload: { n: 1 } }));
    await inOrg(db(), org.id, async (tx) => {
      await enqueueJob(tx, { queue, orgId: org.id, payload: { n: 2 } });
      throw new Error('the write failed');
    }).catch(() => {});
    expect(await jobsOf(db(), queue)).toHaveLength(1);
  });

  it('refuses, inside a request, a job for another org', async () => {
    const [ours, theirs] = [await anOrg(db()), await anOrg(db())];
    const refused = inOrg(db(), ours.id, (tx) =>
      enqueueJob(tx, { queue: aQueue('other-org'), orgId: theirs.id, payload: {} }),
    );
    await expect(refused).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('coalesces jobs of one singleton key while one is queued, per org, and not once it has started', async () => {
    const [org, other] = [await anOrg(db()), await anOrg(db())];
    const queue = aQueue('coalesce');
    const enqueue = (orgId: string) =>
      inOrg(db(), orgId, (tx) =>
        enqueueJob(tx, { queue, orgId, payload: { customerId: 'c1' }, singletonKey: 'customer:c1' }),
      );
    const first = await enqueue(org.id);
    const second = await enqueue(org.id);
    expect(first.enqueued).toBe(true);
    expect(second).toEqual({ id: first.id, enqueued: false });
    expect((await enqueue(other.id)).enqueued).toBe(true);

    let ran = 0;
    await workerFor({ [queue]: async () => void ran++ }).runOnce();
    expect((await enqueue(org.id)).enqueued).toBe(true);
    expect(ran).toBe(1);
    expect((await jobsOf(db(), queue)).map((job) => job.state).sort()).toEqual(['done', 'queued', 'queued']);
  });
});

describe('the worker', () => {
  it('retries a failing job with exponential backoff on the clock from deps, then keeps it dead with its error', async () => {
    const queue = aQueue('retry');
    const org = await anOrg(db());
    await inOrg(db(), org.id, (tx) => enqueueJob(tx, { queue, orgId: org.id, payload: {}, maxAttempts: 3 }));
    const worker = workerFor({ [queue]: failing });

    expect(await worker.runOnce()).toMatchObject({ kind: 'retried', error: 'the upstream said no' });
    let [job] = await jobsOf(db(), queue);
    expect(job).toMatchObject({ state: 'queued', attempts: 1, last_error: 'the upstream said no' });
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(10_000);

    clock.advance(9_999);
    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
    clock.advance(1);
    expect((await worker.runOnce()).kind).toBe('retried');
    [job] = await jobsOf(db(), queue);
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(20_000);

    clock.advance(20_000);
    expect((await worker.runOnce()).kind).toBe('dead');
    [job] = await jobsOf(db(), queue);
    expect(job).toMatchObject({
      state: 'dead',
      attempts: 3,
      last_error: 'the upstream said no',
      locked_by: null,
    });
    clock.advance(60 * 60_000);
    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
  });

  it('runs again, once its lease has run out, a job whose worker stopped mid-run', async () => {
    const queue = aQueue('lease');
    await db().transaction((tx) => enqueueJob(tx, { queue, orgId: null, payload: {} }));
    const never = new Promise<void>(() => {});
    const crashed = workerFor({ [queue]: () => never }, 30_000);
    void crashed.runOnce();
    await expect.poll(async () => (await jobsOf(db(), queue))[0]?.state).toBe('running');

    const attempts: number[] = [];
    const survivor = workerFor({ [queue]: async (_deps, job) => void attempts.push(job.attempt) }, 30_000);
    expect(await survivor.runOnce()).toEqual({ kind: 'idle' });
    clock.advance(30_001);
    expect((await survivor.runOnce()).kind).toBe('done');
    expect(attempts).toEqual([2]);
    expect((await jobsOf(db(), queue))[0]).toMatchObject({ state: 'done', locked_by: null });
  });

  it('runs a handler in short transactions of its own, as the application role in the job’s org', async () => {
    const queue = aQueue('outside');
    const org = await anOrg(db());
    const enqueuedIn = await inOrg(db(), org.id, async (tx) => {
      await enqueueJob(tx, { queue, orgId: org.id, payload: {} });
      const [row] = await tx.execute<{ txid: string }>(sql`select txid_current()::text as txid`);
      return row!.txid;
    });
    const seen: { txid: string; role: string; org: string }[] = [];
    const handler: JobHandler = async (_deps, job: JobContext) => {
      for (let i = 0; i < 2; i++) {
        const [row] = await job.org!.inOrg((tx) =>
          tx.execute<{ txid: string; role: string; org: string }>(
            sql`select txid_current()::text as txid, current_setting('role') as role, current_setting('app.org_id') as org`,
          ),
        );
        seen.push(row!);
      }
    };
    expect((await workerFor({ [queue]: handler }).runOnce()).kind).toBe('done');
    expect(seen.map((s) => [s.role, s.org])).toEqual([
      ['cscx_app', org.id],
      ['cscx_app', org.id],
    ]);
    expect(new Set([enqueuedIn, ...seen.map((s) => s.txid)]).size).toBe(3);
  });

  // On the embedded database the worker's claim waits behind the open transaction (one connection).
  it.runIf(testTarget() === 'postgres')(
    'does not see a job until the transaction that enqueued it has committed',
    async () => {
      const queue = aQueue('uncommitted');
      const org = await anOrg(db());
      const ran: string[] = [];
      const worker = workerFor({ [queue]: async (_deps, job) => void ran.push(job.id) });
      const id = await inOrg(db(), org.id, async (tx) => {
        const job = await enqueueJob(tx, { queue, orgId: org.id, payload: {} });
        expect(await worker.runOnce()).toEqual({ kind: 'idle' });
        return job.id;
      });
      expect(ran).toEqual([]);
      expect(await worker.runOnce()).toMatchObject({ kind: 'done', jobId: id });
      expect(ran).toEqual([id]);
    },
  );

  it('on stop, aborts the running handler and puts its job back without counting the attempt', async () => {
    const queue = aQueue('stop');
    await db().transaction((tx) => enqueueJob(tx, { queue, orgId: null, payload: {} }));
    const worker = workerFor({
      [queue]: (_deps, job) =>
        new Promise((_resolve, reject) => {
          if (job.signal.aborted) reject(job.signal.reason);
          job.signal.addEventListener('abort', () => reject(job.signal.reason));
        }),
    });
    const outcome = worker.runOnce();
    await expect.poll(async () => (await jobsOf(db(), queue))[0]?.state).toBe('running');
    await worker.stop(1_000);
    expect((await outcome).kind).toBe('released');
    expect((await jobsOf(db(), queue))[0]).toMatchObject({ state: 'queued', attempts: 0, locked_by: null });
  });
});
