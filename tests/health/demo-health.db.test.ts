import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { customerExternalId, demoSeed, profileOf } from '../../backend/demo/book.ts';
import { demoHistoryDaysBack, scoreDemoBook } from '../../backend/demo/score-history.ts';
import { seedDemo } from '../../backend/demo/seed.ts';
import type { StoredDriver } from '../../backend/health/model/components.ts';
import { withSentences } from '../../backend/health/model/sentences.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { HealthBand } from '../../shared/api/health.ts';
import { anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
let db: Db;
let org: OrgRef;
const now = new Date('2026-11-20T12:00:00Z');
const customers = 150;

type Scored = { external_id: string; score: number; band: HealthBand; drivers: StoredDriver[] };

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  org = await anOrg(db);
  await seedDemo(db, org, { customers, activities: 6000, now });
  await scoreDemoBook({ orgId: org.id, now, inOrg: (work) => inOrg(db, org.id, work), withHistory: true });
});
afterAll(async () => {
  await testDb?.drop();
});

/** The demo generator's intent for each account (never stored: the scores only saw raw data). */
const outlookOf = new Map(
  Array.from({ length: customers }, (_, i) => [customerExternalId(i), profileOf(demoSeed, i).outlook]),
);

describe('the demo book’s health', () => {
  it('puts the accounts seeded to be in trouble at risk, with drivers that say why, and the healthy ones healthy', async () => {
    const scored = await inOrg(db, org.id, (tx) =>
      tx.execute<Scored>(sql`
        select c.external_id, s.score, s.band, s.drivers from health_scores s
        join customers c on c.org_id = s.org_id and c.id = s.customer_id where s.org_id = ${org.id}`),
    );
    expect(scored).toHaveLength(customers);
    const byOutlook = (outlook: string) => scored.filter((s) => outlookOf.get(s.external_id) === outlook);
    const share = (rows: Scored[], band: HealthBand) =>
      rows.filter((r) => r.band === band).length / rows.length;
    const escalating = byOutlook('escalating');
    const healthy = byOutlook('healthy');
    const quiet = byOutlook('quiet');
    expect(share(escalating, 'at_risk')).toBeGreaterThanOrEqual(0.8);
    expect(share(quiet, 'at_risk')).toBeGreaterThanOrEqual(0.6);
    expect(share(healthy, 'healthy')).toBeGreaterThanOrEqual(0.9);
    expect([...healthy, ...byOutlook('steady')].filter((a) => a.band === 'at_risk')).toEqual([]);
    expect([...escalating, ...quiet].filter((a) => a.band === 'healthy')).toEqual([]);
    for (const account of escalating.filter((a) => a.band === 'at_risk')) {
      const [worst] = withSentences(account.drivers).filter((d) => d.contribution < 0);
      expect(worst?.sentence).toMatch(/down|urgent|ticket|left|NPS|sentiment|past due|failed|Last touch/);
    }
  });

  it('has scores back to 90 days before today, in which the accounts in trouble are seen falling', async () => {
    const rows = await inOrg(db, org.id, (tx) =>
      tx.execute<{
        external_id: string;
        days: number;
        first: string;
        oldest: number;
        today: number;
        d30: number | null;
      }>(sql`
        select c.external_id, count(*)::int as days, min(h.day)::text as first,
          (array_agg(h.score order by h.day))[1] as oldest, s.score as today, s.delta_30d as d30
        from health_score_history h
        join customers c on c.org_id = h.org_id and c.id = h.customer_id
        join health_scores s on s.org_id = h.org_id and s.customer_id = h.customer_id
        where h.org_id = ${org.id} group by c.external_id, s.score, s.delta_30d`),
    );
    expect(rows).toHaveLength(customers);
    expect(rows.every((r) => r.days === demoHistoryDaysBack().length + 1 && r.first === '2026-08-22')).toBe(
      true,
    );
    const escalating = rows.filter((r) => outlookOf.get(r.external_id) === 'escalating');
    const fell = escalating.filter((r) => r.today < r.oldest - 5 && (r.d30 ?? 0) < 0);
    expect(fell.length / escalating.length).toBeGreaterThanOrEqual(0.7);
    const healthy = rows.filter((r) => outlookOf.get(r.external_id) === 'healthy');
    const medianFall = (group: { oldest: number; today: number }[]) => {
      const falls = group.map((r) => r.oldest - r.today).sort((a, b) => a - b);
      return falls[Math.floor(falls.length / 2)] ?? 0;
    };
    expect(medianFall(healthy)).toBeLessThan(medianFall(escalating) / 2);
  });

  it('raises today the alerts that hold today, none from the days replayed', async () => {
    const [counts] = await inOrg(db, org.id, (tx) =>
      tx.execute<{ at_risk_alerts: number; at_risk_now: number; alerts: number; dated_today: number }>(sql`
        select
          (select count(*)::int from health_alerts where org_id = ${org.id} and cause = 'at_risk') as at_risk_alerts,
          (select count(*)::int from health_scores where org_id = ${org.id} and band = 'at_risk') as at_risk_now,
          (select count(*)::int from health_alerts where org_id = ${org.id}) as alerts,
          (select count(*)::int from health_alerts a join health_scores s on s.org_id = a.org_id
            and s.customer_id = a.customer_id where a.org_id = ${org.id} and a.score = s.score) as dated_today`),
    );
    expect(counts?.at_risk_alerts).toBe(counts?.at_risk_now);
    expect(counts?.dated_today).toBe(counts?.alerts);
  });
});
