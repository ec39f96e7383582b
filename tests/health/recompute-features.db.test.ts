import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { featuresFromRow } from '../../backend/health/features-from-rows.ts';
import { type CustomerScope, readFeatureRows } from '../../backend/health/features-query.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aCustomer, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysBefore, someSignals } from './signal-builders.ts';

let testDb: TestDatabase;
let db: Db;
let org: OrgRef;
const now = new Date('2026-10-20T09:00:00Z');
const day = '2026-10-20';

const featuresOf = async (scope: CustomerScope, of = org) =>
  (await inOrg(db, of.id, (tx) => readFeatureRows(tx, of.id, scope, now))).map((row) =>
    featuresFromRow(row, day),
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  org = await anOrg(db);
});
afterAll(async () => {
  await testDb?.drop();
});

describe('the features a recompute reads', () => {
  it('takes each kind’s latest value and its windows, and nothing after the moment scored', async () => {
    const customer = await aCustomer(db, org, { name: 'Every kind', renewalDate: '2027-01-01' });
    await someSignals(db, org, customer.id, [
      { kind: 'usage.seats', value: 80, observedAt: daysBefore(now, 100) },
      { kind: 'usage.seats', value: 120, observedAt: daysBefore(now, 10) },
      { kind: 'usage.seats', value: 500, observedAt: daysBefore(now, -2) },
      { kind: 'usage.active_users', value: 40, observedAt: daysBefore(now, 5), period: 'week' },
      { kind: 'usage.active_users', value: 60, observedAt: daysBefore(now, 12), period: 'week' },
      { kind: 'usage.active_users', value: 90, observedAt: daysBefore(now, 45), period: 'week' },
      { kind: 'usage.active_users', value: 999, observedAt: daysBefore(now, 200), period: 'week' },
      { kind: 'survey.nps', value: 2, observedAt: daysBefore(now, 120) },
      { kind: 'survey.nps', value: 9, observedAt: daysBefore(now, 60) },
      { kind: 'survey.nps', value: 6, observedAt: daysBefore(now, 3) },
      { kind: 'survey.csat', value: 4, observedAt: daysBefore(now, 10) },
      { kind: 'survey.csat', value: 2, observedAt: daysBefore(now, 20) },
      { kind: 'call.risk', value: 2, observedAt: daysBefore(now, 15) },
      { kind: 'call.expansion', value: 1, observedAt: daysBefore(now, 95) },
      { kind: 'call.competitor', value: 1, observedAt: daysBefore(now, 40), detail: { competitor: 'Acme' } },
      { kind: 'call.competitor', value: 3, observedAt: daysBefore(now, 8), detail: { competitor: 'Globex' } },
      { kind: 'billing.status', value: 30, observedAt: daysBefore(now, 50), detail: { status: 'overdue' } },
      { kind: 'billing.status', value: 0, observedAt: daysBefore(now, 4), detail: { status: 'current' } },
      {
        kind: 'stakeholder.left',
        value: 1,
        observedAt: new Date('2026-08-01T10:00:00Z'),
        detail: { name: 'Old Champion', role: 'champion' },
      },
      {
        kind: 'stakeholder.left',
        value: 1,
        observedAt: new Date('2026-10-03T10:00:00Z'),
        detail: { name: 'Jane Doe', role: 'champion' },
      },
      {
        kind: 'stakeholder.left',
        value: 1,
        observedAt: new Date('2026-09-01T10:00:00Z'),
        detail: { name: 'Sue Sponsor', role: 'executive_sponsor' },
      },
      {
        kind: 'stakeholder.joined',
        value: 1,
        observedAt: new Date('2026-09-15T10:00:00Z'),
        detail: { name: 'New Sponsor', role: 'executive_sponsor' },
      },
    ]);

    const [features] = await featuresOf([customer.id]);
    expect(features?.usage).toMatchObject({
      seats: 120,
      activeUsers30d: 50,
      activeUsersPrev30d: 90,
      activeUsersPeriod: 'week',
    });
    expect(features?.surveys).toEqual({
      npsLatest: 6,
      npsMean90d: 7.5,
      npsCount90d: 2,
      csatMean90d: 3,
      csatCount90d: 2,
    });
    expect(features?.calls).toEqual({
      risk90d: 2,
      expansion90d: 0,
      competitor90d: 4,
      signals90d: 3,
      competitorName: 'Globex',
    });
    expect(features?.billing).toEqual({ status: 'current', daysPastDue: 0, autopay: null });
    expect(features?.stakeholders.championLeft).toMatchObject({
      name: 'Jane Doe',
      on: '2026-10-03',
      replaced: false,
    });
    expect(features?.stakeholders.sponsorLeft).toMatchObject({ name: 'Sue Sponsor', replaced: true });
  });

  it('reads every customer of the org from one id up to another, as it reads the same customers listed', async () => {
    const book = await anOrg(db);
    const customers = [];
    for (let i = 0; i < 5; i++) {
      const customer = await aCustomer(db, book, { name: `Range ${i}` });
      await someSignals(db, book, customer.id, [
        { kind: 'usage.active_users', value: 10 + i, observedAt: daysBefore(now, 3), period: 'week' },
        { kind: 'survey.nps', value: i, observedAt: daysBefore(now, 5 + i) },
      ]);
      customers.push(customer.id);
    }
    const ids = [...customers].sort();
    const listed = await featuresOf(ids, book);
    const inRange = await featuresOf({ fromId: ids[1] ?? '', beforeId: ids[4] ?? null }, book);
    const byId = (features: typeof listed) =>
      [...features].sort((a, b) => a.customerId.localeCompare(b.customerId));
    expect(byId(inRange).map((f) => f.customerId)).toEqual(ids.slice(1, 4));
    expect(byId(inRange)).toEqual(byId(listed).slice(1, 4));
  });
});
