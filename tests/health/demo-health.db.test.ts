import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { customerExternalId, demoSeed, profileOf } from '../../backend/demo/book.ts';
import { seedDemo } from '../../backend/demo/seed.ts';
import type { StoredDriver } from '../../backend/health/model/components.ts';
import { withSentences } from '../../backend/health/model/sentences.ts';
import { recomputeOrg } from '../../backend/health/recompute.ts';
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
  await recomputeOrg({ orgId: org.id, now, inOrg: (work) => inOrg(db, org.id, work) });
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
});
