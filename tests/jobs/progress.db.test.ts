import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { JobHandler } from '../../backend/jobs/handlers.ts';
import { enqueueJob } from '../../backend/jobs/queue.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { aQueue, gate } from './support.ts';

const suite = suiteWithApp();
const db = () => suite.testDb.database.db;

describe('jobs.list', () => {
  it("shows an admin their org's running job with its progress, then its outcome and a dead job's error", async () => {
    const org = await anOrg(db());
    const admin = suite.app.client((await aMember(db(), org, { role: 'admin' })).token);
    const queue = aQueue('progress');
    const halfway = gate();
    const finish = gate();
    const handlers: Record<string, JobHandler> = {
      [queue]: async (_deps, job) => {
        if (job.payload.fail) throw new Error('customer 42 could not be read');
        await job.reportProgress(3, 10, 'customers');
        halfway.open();
        await finish.opened;
        await job.reportProgress(10, 10);
      },
    };
    const worker = jobWorkerFor(suite.testDb.database, suite.app.deps, { handlers, schedules: [] });
    const { id } = await inOrg(db(), org.id, (tx) => enqueueJob(tx, { queue, orgId: org.id, payload: {} }));

    const run = worker.runOnce();
    await halfway.opened;
    const [running] = await admin.jobs.list.query();
    expect(running).toMatchObject({
      id,
      queue,
      state: 'running',
      attempts: 1,
      progress: { done: 3, total: 10, label: 'customers' },
      lastError: null,
      finishedAt: null,
    });
    expect(running).not.toHaveProperty('payload');
    finish.open();
    await run;

    await inOrg(db(), org.id, (tx) =>
      enqueueJob(tx, { queue, orgId: org.id, payload: { fail: true }, maxAttempts: 1 }),
    );
    expect((await worker.runOnce()).kind).toBe('dead');
    const listed = await admin.jobs.list.query();
    expect(listed.map((job) => [job.state, job.progress, job.lastError])).toEqual([
      ['dead', null, 'customer 42 could not be read'],
      ['done', { done: 10, total: 10, label: 'customers' }, null],
    ]);
  });

  it("lists no other org's jobs, and is for admins only", async () => {
    const [ours, theirs] = [await anOrg(db()), await anOrg(db())];
    await inOrg(db(), theirs.id, (tx) =>
      enqueueJob(tx, { queue: aQueue('theirs'), orgId: theirs.id, payload: {} }),
    );
    const admin = suite.app.client((await aMember(db(), ours, { role: 'admin' })).token);
    expect(await admin.jobs.list.query()).toEqual([]);
    const csm = suite.app.client((await aMember(db(), ours, { role: 'csm' })).token);
    expect(await errorOf(csm.jobs.list.query())).toMatchObject({ code: 'FORBIDDEN' });
  });
});
