import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import { healthJobHandlers } from '../../backend/health/jobs.ts';
import {
  recomputeCustomerQueue,
  recomputeOrgQueue,
  requestHealthRecompute,
} from '../../backend/health/recompute-requests.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { someSignals, weeklyUsage } from './signal-builders.ts';

const suite = suiteWithApp();
const db = () => suite.testDb.database.db;

const queued = async (queue: string, orgId: string) =>
  (
    await db().execute<{ n: number }>(
      sql`select count(*)::int as n from jobs where queue = ${queue} and org_id = ${orgId} and state = 'queued'`,
    )
  )[0]?.n;

describe('recomputes through the queue', () => {
  it('coalesces the signals of one customer into one job, and the job scores the customer', async () => {
    const org = await anOrg(db());
    const customer = await aCustomer(db(), org, { name: 'Queued Co' });
    await someSignals(
      db(),
      org,
      customer.id,
      weeklyUsage(new Date(), { users: [40, 20], logins: [400, 200], seats: 50 }),
    );
    for (let i = 0; i < 3; i++)
      await inOrg(db(), org.id, (tx) => requestHealthRecompute(tx, org.id, [customer.id]));
    expect(await queued(recomputeCustomerQueue, org.id)).toBe(1);

    const worker = jobWorkerFor(suite.testDb.database, suite.app.deps, {
      handlers: healthJobHandlers,
      schedules: [],
    });
    expect((await worker.runOnce()).kind).toBe('done');
    const member = await aMember(db(), org, { role: 'viewer' });
    const health = await suite.app.client(member.token).health.forCustomer.query({ customerId: customer.id });
    expect(health?.drivers[0]?.sentence).toBe('Weekly active users down 50 % in 30 days');
  });

  it("asks for one org recompute instead of a job per customer for an import's many customers", async () => {
    const org = await anOrg(db());
    const ids = Array.from({ length: 101 }, () => crypto.randomUUID());
    await inOrg(db(), org.id, (tx) => requestHealthRecompute(tx, org.id, ids));
    expect(await queued(recomputeCustomerQueue, org.id)).toBe(0);
    expect(await queued(recomputeOrgQueue, org.id)).toBe(1);
  });

  it('reports the org recompute’s progress, and an admin starts it', async () => {
    const org = await anOrg(db());
    const admin = await aMember(db(), org, { role: 'admin' });
    for (let i = 0; i < 3; i++) {
      const customer = await aCustomer(db(), org);
      await someSignals(
        db(),
        org,
        customer.id,
        weeklyUsage(new Date(), { users: [30, 30], logins: [300, 300] }),
      );
    }
    const client = suite.app.client(admin.token);
    const { jobId } = await client.health.recompute.mutate();
    const worker = jobWorkerFor(suite.testDb.database, suite.app.deps, {
      handlers: healthJobHandlers,
      schedules: [],
    });
    // The org jobs the other tests left queued run first, in their order.
    for (let i = 0; i < 3; i++) await worker.runOnce();
    const job = (await client.jobs.list.query()).find((j) => j.id === jobId);
    expect(job).toMatchObject({ state: 'done', progress: { done: 3, total: 3, label: 'customers scored' } });
    expect((await client.health.book.query({ limit: 10 })).items).toHaveLength(3);
  });
});
