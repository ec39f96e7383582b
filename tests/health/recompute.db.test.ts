import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { withSentences } from '../../backend/health/model/sentences.ts';
import { addModelVersion } from '../../backend/health/models.ts';
import { recomputeCustomers, recomputeOrg } from '../../backend/health/recompute.ts';
import { healthScoreHistory, healthScores } from '../../backend/health/schema.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aContact, aCustomer, anActivity, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysBefore, someSignals, weeklyUsage } from './signal-builders.ts';

let testDb: TestDatabase;
let db: Db;
let org: OrgRef;
const now = new Date('2026-10-20T09:00:00Z');

const deps = (at = now) => ({
  orgId: org.id,
  now: at,
  inOrg: <T>(work: (tx: Db) => Promise<T>) => inOrg(db, org.id, work),
});

const scoreOf = (customerId: string) =>
  inOrg(db, org.id, async (tx) => {
    const [row] = await tx
      .select()
      .from(healthScores)
      .where(and(eq(healthScores.orgId, org.id), eq(healthScores.customerId, customerId)));
    return row;
  });

/** Falling usage, two urgent tickets open for 9 days, a detractor, the champion gone. */
async function anAtRiskAccount(name: string) {
  const customer = await aCustomer(db, org, { name, renewalDate: '2027-03-01' });
  await someSignals(db, org, customer.id, [
    ...weeklyUsage(now, { users: [100, 62], logins: [1000, 620], seats: 120 }),
    { kind: 'survey.nps', value: 3, observedAt: daysBefore(now, 12) },
    {
      kind: 'stakeholder.left',
      value: 1,
      observedAt: new Date('2026-10-03T10:00:00Z'),
      detail: { name: 'Jane Doe', role: 'champion' },
    },
  ]);
  for (const subject of ['Exports fail', 'SSO broken'])
    await anActivity(db, org, customer.id, {
      kind: 'ticket',
      subject,
      ticketStatus: 'open',
      ticketPriority: 'urgent',
      occurredAt: daysBefore(now, 9),
    });
  return customer;
}

async function aHealthyAccount(name: string) {
  const customer = await aCustomer(db, org, { name, renewalDate: '2027-08-01' });
  await someSignals(db, org, customer.id, [
    ...weeklyUsage(now, { users: [70, 78], logins: [700, 760], seats: 90 }),
    { kind: 'survey.nps', value: 9, observedAt: daysBefore(now, 20) },
  ]);
  await aContact(db, org, customer.id, { role: 'champion', name: 'Sam Lee' });
  await anActivity(db, org, customer.id, { kind: 'meeting', occurredAt: daysBefore(now, 5) });
  await anActivity(db, org, customer.id, { kind: 'meeting', occurredAt: daysBefore(now, 40) });
  return customer;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  org = await anOrg(db);
});
afterAll(async () => {
  await testDb?.drop();
});

describe('recomputing health', () => {
  it('puts an account with falling usage, urgent tickets and a departed champion at risk, saying why', async () => {
    const customer = await anAtRiskAccount('Initech');
    await recomputeCustomers(deps(), [customer.id]);
    const score = await scoreOf(customer.id);
    expect(score?.band).toBe('at_risk');
    const sentences = withSentences(score?.drivers ?? []).map((d) => d.sentence);
    expect(sentences).toContain('Weekly active users down 38 % in 30 days');
    expect(sentences).toContain('2 urgent tickets open for 9 days');
    expect(sentences).toContain('Champion Jane Doe left on 3 Oct');
    expect(sentences.some((s) => s.startsWith('NPS 3 (detractor)'))).toBe(true);
  });

  it('scores a healthy account healthy, and the confidence says how much of the model had data', async () => {
    const customer = await aHealthyAccount('Hooli');
    await recomputeCustomers(deps(), [customer.id]);
    const score = await scoreOf(customer.id);
    expect(score?.band).toBe('healthy');
    expect(score?.confidence).toBeGreaterThan(0.5);
    expect(score?.confidence).toBeLessThan(1);
  });

  it('gives a customer with no data no score at all', async () => {
    const customer = await aCustomer(db, org, { name: 'Blank', renewalDate: null });
    await recomputeCustomers(deps(), [customer.id]);
    expect(await scoreOf(customer.id)).toBeUndefined();
  });

  it('records the model version on the history and the current score', async () => {
    const customer = await aHealthyAccount('Versioned');
    await recomputeCustomers(deps(), [customer.id]);
    expect((await scoreOf(customer.id))?.modelVersion).toBe(1);
    await inOrg(db, org.id, (tx) =>
      addModelVersion(tx, {
        orgId: org.id,
        weights: {
          usage: 1,
          support: 0,
          surveys: 0,
          sentiment: 0,
          calls: 0,
          engagement: 0,
          stakeholders: 0,
          renewal: 0,
          billing: 0,
          tenure: 0,
        },
        thresholds: { healthy: 80, atRisk: 50 },
        dropAlertPoints: 10,
        source: 'admin',
        createdBy: null,
        now,
      }),
    );
    await recomputeCustomers(deps(), [customer.id]);
    const score = await scoreOf(customer.id);
    expect(score?.modelVersion).toBe(2);
    expect(score?.drivers.map((d) => d.component)).toEqual(['usage']);
    const history = await inOrg(db, org.id, (tx) =>
      tx.select().from(healthScoreHistory).where(eq(healthScoreHistory.customerId, customer.id)),
    );
    expect(history.map((h) => h.modelVersion)).toEqual([2]);
  });

  it('gives the same scores for the whole org in batches as for each customer alone', async () => {
    const ids = [];
    for (let i = 0; i < 7; i++)
      ids.push((await (i % 2 ? anAtRiskAccount : aHealthyAccount)(`Batch ${i}`)).id);
    const later = daysBefore(now, -1);
    await recomputeOrg({ ...deps(later), batchSize: 3 });
    const inBatches = await Promise.all(ids.map(scoreOf));
    for (const id of ids) await recomputeCustomers(deps(later), [id]);
    const alone = await Promise.all(ids.map(scoreOf));
    expect(alone.map((s) => [s?.score, s?.band, s?.drivers])).toEqual(
      inBatches.map((s) => [s?.score, s?.band, s?.drivers]),
    );
    expect(inBatches.every((s) => s?.day === '2026-10-21')).toBe(true);
  });

  it('keeps the later day’s score when the customer’s own recompute lands between a batch’s read and its write', async () => {
    const customer = await anAtRiskAccount('Raced');
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const nextDay = new Date(now.getTime() + 86_400_000);
    const dayAfter = new Date(now.getTime() + 2 * 86_400_000);
    await recomputeCustomers(deps(now), [customer.id]);
    // The batch's transactions: the model, the read, then the write. Before the write, the
    // customer's own recompute scores the day after.
    let transactions = 0;
    let raced = false;
    await recomputeCustomers(
      {
        ...deps(nextDay),
        inOrg: async (work) => {
          transactions += 1;
          if (transactions === 3) {
            await recomputeCustomers(deps(dayAfter), [customer.id]);
            raced = true;
          }
          return inOrg(db, org.id, work);
        },
      },
      [customer.id],
    );
    expect(raced).toBe(true);
    const current = await scoreOf(customer.id);
    expect(current?.day).toBe(day(dayAfter));
    expect(current?.computedAt.toISOString()).toBe(dayAfter.toISOString());
    // Read again, the batch's day is one before the current one: it joins the history only.
    const history = await inOrg(db, org.id, (tx) =>
      tx
        .select({ day: healthScoreHistory.day })
        .from(healthScoreHistory)
        .where(and(eq(healthScoreHistory.orgId, org.id), eq(healthScoreHistory.customerId, customer.id)))
        .orderBy(healthScoreHistory.day),
    );
    expect(history.map((h) => h.day)).toEqual([day(now), day(nextDay), day(dayAfter)]);
  });

  it('ends with the score of what was read last when an older read writes first', async () => {
    const customer = await aHealthyAccount('Overtaken');
    await recomputeCustomers(deps(now), [customer.id]);
    const before = await scoreOf(customer.id);
    let olderWrote = () => {};
    const olderWritten = new Promise<void>((resolve) => {
      olderWrote = resolve;
    });
    let newerReady = () => {};
    const newerRead = new Promise<void>((resolve) => {
      newerReady = resolve;
    });
    // Each recompute's transactions: the model, the read, the write (then, passed over, more).
    const pausedBeforeWrite = (onPause: () => Promise<void>) => {
      let transactions = 0;
      return async <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
        transactions += 1;
        if (transactions === 3) await onPause();
        return inOrg(db, org.id, work);
      };
    };
    let newer: Promise<unknown> | undefined;
    // The older recompute read before a week of few active users came in; before it writes, that
    // week is recorded and a newer recompute reads it, then waits while the older one writes.
    await recomputeCustomers(
      {
        ...deps(),
        inOrg: pausedBeforeWrite(async () => {
          await someSignals(db, org, customer.id, [
            { kind: 'usage.active_users', period: 'week', value: 5, observedAt: daysBefore(now, 3) },
          ]);
          newer = recomputeCustomers(
            {
              ...deps(),
              inOrg: pausedBeforeWrite(async () => {
                newerReady();
                await olderWritten;
              }),
            },
            [customer.id],
          );
          await newerRead;
        }),
      },
      [customer.id],
    ).then(() => olderWrote());
    await newer;
    const raced = await scoreOf(customer.id);
    // What a recompute reading everything now gives: the newer read's score, not the older one's.
    await recomputeCustomers(deps(), [customer.id]);
    const settled = await scoreOf(customer.id);
    expect(settled?.score).not.toBe(before?.score);
    expect(raced?.score).toBe(settled?.score);
    expect(raced?.drivers).toEqual(settled?.drivers);
  });

  it('scores every customer once when it sizes the batches itself, however their size changes', async () => {
    const book = await anOrg(db);
    await inOrg(db, book.id, async (tx) => {
      await tx.execute(sql`
        insert into customers (org_id, name) select ${book.id}, 'Paced ' || i from generate_series(1, 620) i`);
      await tx.execute(sql`
        insert into health_signals (org_id, customer_id, kind, period, observed_at, value, event_id, source)
        select ${book.id}, c.id, 'survey.nps', 'instant', ${daysBefore(now, 3).toISOString()}::timestamptz, 9,
          c.id || ':nps', 'test'
        from customers c where c.org_id = ${book.id}`);
    });
    const progress: number[] = [];
    const outcome = await recomputeOrg({
      orgId: book.id,
      now,
      inOrg: (work) => inOrg(db, book.id, work),
      // Every batch overshoots a target of a microsecond: 100 customers first, then one slice at a time.
      targetBatchMs: 0.001,
      onProgress: ({ done }) => {
        progress.push(done);
      },
    });
    expect(outcome).toMatchObject({ customers: 620, scored: 620 });
    expect(progress).toEqual([100, 150, 200, 250, 300, 350, 400, 450, 500, 550, 600, 620]);
    const [scored] = await inOrg(db, book.id, (tx) =>
      tx.execute<{ n: number }>(
        sql`select count(distinct customer_id)::int as n from health_scores where org_id = ${book.id}`,
      ),
    );
    expect(scored?.n).toBe(620);
  });
});
