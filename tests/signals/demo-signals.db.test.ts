import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { activities, customers } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { seedDemo } from '../../backend/demo/seed.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { healthSignals } from '../../backend/signals/schema.ts';
import { anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
let db: Db;
let org: OrgRef;
const now = new Date('2026-11-20T12:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  org = await anOrg(db);
  await seedDemo(db, org, { customers: 150, activities: 6000, now });
});
afterAll(async () => {
  await testDb?.drop();
});

type AccountSignals = {
  id: string;
  weeks: number;
  seats: number;
  logins_first4: number;
  logins_last4: number;
  urgent_open: number;
  last_nps: number | null;
  champion_left: number;
  overdue: number;
};

const accounts = (target: OrgRef = org) =>
  inOrg(db, target.id, (tx) =>
    tx.execute<AccountSignals>(sql`
      select c.id,
        (select count(*)::int from ${healthSignals} s where s.customer_id = c.id and s.kind = 'usage.logins' and s.period = 'week') as weeks,
        (select max(value)::int from ${healthSignals} s where s.customer_id = c.id and s.kind = 'usage.seats') as seats,
        (select avg(value)::float from (select value from ${healthSignals} s where s.customer_id = c.id and s.kind = 'usage.logins'
           order by observed_at asc limit 4) f) as logins_first4,
        (select avg(value)::float from (select value from ${healthSignals} s where s.customer_id = c.id and s.kind = 'usage.logins'
           order by observed_at desc limit 4) l) as logins_last4,
        (select count(*)::int from ${activities} a where a.customer_id = c.id and a.kind = 'ticket'
           and a.ticket_status in ('open', 'pending') and a.ticket_priority in ('high', 'urgent')) as urgent_open,
        (select a.nps_score from ${activities} a where a.customer_id = c.id and a.kind = 'nps'
           order by a.occurred_at desc limit 1) as last_nps,
        (select count(*)::int from ${healthSignals} s where s.customer_id = c.id and s.kind = 'stakeholder.left'
           and s.detail->>'role' = 'champion') as champion_left,
        (select count(*)::int from ${healthSignals} s where s.customer_id = c.id and s.kind = 'billing.status'
           and s.detail->>'status' = 'overdue') as overdue
      from ${customers} c order by c.external_id`),
  );

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const loginChange = (a: AccountSignals) => a.logins_last4 / Math.max(1, a.logins_first4) - 1;

describe('the demo book’s health signals', () => {
  it('gives every account 13 weeks of usage against its seats', async () => {
    const rows = await accounts();
    expect(rows).toHaveLength(150);
    for (const row of rows) {
      expect(row.weeks).toBe(13);
      expect(row.seats).toBeGreaterThan(0);
    }
    const [over] = await inOrg(db, org.id, (tx) =>
      tx.execute<{ n: number }>(sql`
        select count(*)::int as n from ${healthSignals} u join ${healthSignals} s
          on s.customer_id = u.customer_id and s.kind = 'usage.seats'
        where u.kind = 'usage.active_users' and u.value > s.value`),
    );
    expect(over?.n).toBe(0);
  });

  it('shows trouble only through raw data: troubled accounts lose logins and champions, healthy ones do not', async () => {
    const rows = await accounts();
    const troubled = rows.filter((r) => r.urgent_open > 0 && r.last_nps !== null && r.last_nps <= 4);
    const healthy = rows.filter((r) => r.urgent_open === 0 && (r.last_nps ?? 0) >= 9);
    expect(troubled.length).toBeGreaterThanOrEqual(5);
    expect(healthy.length).toBeGreaterThanOrEqual(20);
    expect(mean(troubled.map(loginChange))).toBeLessThan(-0.3);
    expect(mean(healthy.map(loginChange))).toBeGreaterThan(-0.05);
    expect(troubled.filter((r) => r.champion_left > 0).length).toBeGreaterThanOrEqual(2);
    expect(healthy.filter((r) => r.champion_left > 0)).toEqual([]);
    expect(rows.filter((r) => r.overdue > 0).length).toBeGreaterThanOrEqual(1);
    expect(healthy.filter((r) => r.overdue > 0)).toEqual([]);
  });

  it('draws the same signals for the same seed, and adds none when run again on a later day', async () => {
    const twin = await anOrg(db);
    await seedDemo(db, twin, { customers: 150, activities: 6000, now });
    const strip = (rows: AccountSignals[]) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(await accounts(twin))).toEqual(strip(await accounts()));
    const again = await seedDemo(db, org, {
      customers: 150,
      activities: 6000,
      now: new Date(now.getTime() + 9 * 86_400_000),
    });
    expect(again.added.signals).toBe(0);
  });
});
