import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { contracts } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { readOutcomeFeatures } from '../../backend/health/calibration/outcome-features.ts';
import { withSentences } from '../../backend/health/model/sentences.ts';
import { recomputeCustomers } from '../../backend/health/recompute.ts';
import { customerOutcomesTable, healthModels, healthScores } from '../../backend/health/schema.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { HealthWeights } from '../../shared/api/health.ts';
import { aCustomer, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysBefore, someSignals } from './signal-builders.ts';

let testDb: TestDatabase;
let db: Db;
let org: OrgRef;
const now = new Date('2026-10-20T09:00:00Z');

const deps = () => ({
  orgId: org.id,
  now,
  inOrg: <T>(work: (tx: Db) => Promise<T>) => inOrg(db, org.id, work),
});

async function driversOf(customerId: string) {
  const [row] = await inOrg(db, org.id, (tx) =>
    tx
      .select()
      .from(healthScores)
      .where(and(eq(healthScores.orgId, org.id), eq(healthScores.customerId, customerId))),
  );
  return new Map(withSentences(row?.drivers ?? []).map((d) => [d.component, d]));
}

/** A customer whose contracts ran back to back: `terms` as [start, end] days, oldest first. */
async function aCustomerWithContracts(
  name: string,
  terms: [string, string, 'active' | 'expired' | 'cancelled'][],
  { of = org, renewalDate = null }: { of?: OrgRef; renewalDate?: string | null } = {},
) {
  const customer = await aCustomer(db, of, { name, renewalDate });
  await inOrg(db, of.id, (tx) =>
    tx.insert(contracts).values(
      terms.map(([startDate, endDate, status], i) => ({
        orgId: of.id,
        customerId: customer.id,
        name: `${name} term ${i + 1}`,
        status,
        startDate,
        endDate,
      })),
    ),
  );
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

describe('relationship age, commitment and autopay from the database', () => {
  it('reads tenure from the first contract ever signed and the term from the active one', async () => {
    const loyal = await aCustomerWithContracts('Loyal', [
      ['2022-11-01', '2024-10-31', 'expired'],
      ['2024-11-01', '2026-10-31', 'active'],
    ]);
    const fresh = await aCustomerWithContracts('Fresh', [['2026-08-20', '2026-11-19', 'active']]);
    await recomputeCustomers(deps(), [loyal.id, fresh.id]);

    const old = await driversOf(loyal.id);
    expect(old.get('tenure')?.sentence).toBe('Customer for 3 years');
    expect(old.get('renewal')?.sentence).toMatch(/^Renewal in \d+ days .*, on a 24-month term$/);
    const young = await driversOf(fresh.id);
    expect(young.get('tenure')?.sentence).toBe('Customer for 2 months');
    expect(young.get('renewal')?.sentence).toMatch(/on a 3-month term$/);
    expect(young.get('tenure')?.score ?? 100).toBeLessThan(old.get('tenure')?.score ?? 0);
    expect(young.get('renewal')?.score ?? 100).toBeLessThan(old.get('renewal')?.score ?? 0);
  });

  it('takes autopay from the latest billing signal, and says when an account pays by hand', async () => {
    const customer = await aCustomer(db, org, { name: 'By hand' });
    await someSignals(db, org, customer.id, [
      {
        kind: 'billing.status',
        value: 0,
        observedAt: daysBefore(now, 40),
        detail: { status: 'current', autopay: true },
      },
      {
        kind: 'billing.status',
        value: 0,
        observedAt: daysBefore(now, 3),
        detail: { status: 'current', autopay: false },
      },
    ]);
    await recomputeCustomers(deps(), [customer.id]);
    const billing = (await driversOf(customer.id)).get('billing');
    expect(billing?.sentence).toBe('Billing current, paid by hand (no autopay)');
    expect(billing?.score).toBe(80);
  });

  it('scores with a model version saved before relationship age existed, leaving it out', async () => {
    const own = await anOrg(db, { name: 'Older model' });
    const before = { usage: 0, support: 0, surveys: 0, sentiment: 0, calls: 0, engagement: 0 };
    const weights = { ...before, stakeholders: 0, renewal: 1, billing: 1 } as unknown as HealthWeights;
    await inOrg(db, own.id, (tx) =>
      tx.insert(healthModels).values({
        orgId: own.id,
        version: 1,
        weights,
        thresholds: { healthy: 75, atRisk: 60 },
        dropAlertPoints: 10,
        source: 'admin',
      }),
    );
    const customer = await aCustomer(db, own, { name: 'Long standing' });
    await inOrg(db, own.id, (tx) =>
      tx.insert(contracts).values({
        orgId: own.id,
        customerId: customer.id,
        name: 'Term',
        startDate: '2020-01-01',
        endDate: '2027-06-30',
      }),
    );
    await recomputeCustomers({ ...deps(), orgId: own.id, inOrg: (work) => inOrg(db, own.id, work) }, [
      customer.id,
    ]);
    const [row] = await inOrg(db, own.id, (tx) =>
      tx.select().from(healthScores).where(eq(healthScores.customerId, customer.id)),
    );
    expect(row?.score).toEqual(expect.any(Number));
    expect(Number.isNaN(row?.score)).toBe(false);
    expect(row?.drivers.map((d) => d.component)).toEqual(['renewal']);
  });

  it('reads the renewal a month before an outcome from the contract in force then, not from what it is now', async () => {
    const own = await anOrg(db);
    const ownDb = { orgId: own.id, inOrg: <T>(work: (tx: Db) => Promise<T>) => inOrg(db, own.id, work) };
    // Renewed on 1 Sep for two more years: today the account shows the 2028 date and an active contract.
    const renewed = await aCustomerWithContracts(
      'Renewed',
      [
        ['2025-09-01', '2026-08-31', 'expired'],
        ['2026-09-01', '2028-08-31', 'active'],
      ],
      { of: own, renewalDate: '2028-08-31' },
    );
    // Left on 1 Sep: its contract is cancelled now, and was in force a month before.
    const churned = await aCustomerWithContracts('Churned', [['2025-09-01', '2026-08-31', 'cancelled']], {
      of: own,
      renewalDate: '2026-08-31',
    });
    await inOrg(db, own.id, (tx) =>
      tx.insert(customerOutcomesTable).values([
        {
          orgId: own.id,
          customerId: renewed.id,
          outcome: 'renewed' as const,
          at: '2026-09-01',
          source: 'test',
        },
        {
          orgId: own.id,
          customerId: churned.id,
          outcome: 'churned' as const,
          at: '2026-09-01',
          source: 'test',
        },
      ]),
    );
    const { features } = await readOutcomeFeatures(ownDb);
    const renewals = features.map((f) => f.renewal);
    // Both as they stood on 2 Aug: the contract ending 31 Aug, 29 days out, a 12-month term.
    expect(renewals.map((r) => r?.daysToRenewal)).toEqual([29, 29]);
    expect(new Set(renewals.map((r) => r?.renewalDate))).toEqual(new Set(['2026-08-31']));
  });
});
