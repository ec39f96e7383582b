import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { recomputeCustomers } from '../../backend/health/recompute.ts';
import { healthScoreHistory, healthScores } from '../../backend/health/schema.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aCustomer, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysBefore, someSignals } from './signal-builders.ts';

let testDb: TestDatabase;
let db: Db;
let org: OrgRef;
const first = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  org = await anOrg(db);
});
afterAll(async () => {
  await testDb?.drop();
});

const recompute = (customerId: string, at: Date) =>
  recomputeCustomers({ orgId: org.id, now: at, inOrg: (work) => inOrg(db, org.id, work) }, [customerId]);

const stored = (customerId: string) =>
  inOrg(db, org.id, async (tx) => ({
    current: (
      await tx
        .select()
        .from(healthScores)
        .where(and(eq(healthScores.orgId, org.id), eq(healthScores.customerId, customerId)))
    )[0],
    history: await tx
      .select({ day: healthScoreHistory.day, score: healthScoreHistory.score })
      .from(healthScoreHistory)
      .where(and(eq(healthScoreHistory.orgId, org.id), eq(healthScoreHistory.customerId, customerId)))
      .orderBy(asc(healthScoreHistory.day)),
  }));

/** The delta the history table gives: the score now minus the latest kept `back` days before or more. */
function deltaFromHistory(
  history: { day: string; score: number }[],
  day: string,
  score: number,
  back: number,
) {
  const edge = new Date(Date.parse(day) - back * 86_400_000).toISOString().slice(0, 10);
  const before = history.filter((h) => h.day <= edge).at(-1);
  return before ? Math.round((score - before.score) * 100) / 100 : null;
}

/** Active users swinging week to week over a year, so each day scored gets a score of its own. */
async function aSwingingAccount(name: string) {
  const customer = await aCustomer(db, org, { name, renewalDate: '2027-06-01' });
  const weeks = Array.from({ length: 60 }, (_, w) => w);
  await someSignals(db, org, customer.id, [
    { kind: 'usage.seats', value: 100, observedAt: daysBefore(first, 30) },
    ...weeks.map((w) => ({
      kind: 'usage.active_users' as const,
      value: 50 + Math.round(40 * Math.sin(w / 2)),
      period: 'week' as const,
      observedAt: daysBefore(first, 60 - w * 7),
    })),
  ]);
  return customer;
}

describe('deltas from the scores the current row keeps', () => {
  it('are the deltas the history gives, over days in a row, a same-day rerun and long gaps', async () => {
    const customer = await aSwingingAccount('Swinging Co');
    const days = [0, 1, 1, 2, 6, 9, 16, 40, 41, 97, 130, 131, 260];
    for (const n of days) {
      const at = daysBefore(first, -n);
      const day = at.toISOString().slice(0, 10);
      const before = (await stored(customer.id)).history.filter((h) => h.day < day);
      await recompute(customer.id, at);
      const { current } = await stored(customer.id);
      expect(current?.day).toBe(day);
      const score = current?.score ?? Number.NaN;
      expect([current?.delta7d, current?.delta30d, current?.delta90d], `day ${n}`).toEqual(
        [7, 30, 90].map((back) => deltaFromHistory(before, day, score, back)),
      );
    }
    const { current, history } = await stored(customer.id);
    expect(new Set(history.map((h) => h.score)).size).toBeGreaterThan(5);
    expect(current?.recentScores?.length).toBeLessThanOrEqual(91);
  });

  it("keeps each day's score in hundredths of a point, exactly as the history has it", async () => {
    const customer = await aSwingingAccount('Exact Co');
    for (const n of [0, 1, 2, 5, 9]) await recompute(customer.id, daysBefore(first, -n));
    const { current, history } = await stored(customer.id);
    const byDay = new Map(history.map((h) => [h.day, Math.round(h.score * 100)]));
    // The driver reads an array's NULL as NaN.
    const kept = (current?.recentScores ?? []).map((hundredths, i) => {
      const day = new Date(Date.parse(current?.day ?? '') - i * 86_400_000).toISOString().slice(0, 10);
      return [day, Number.isFinite(hundredths) ? hundredths : null];
    });
    expect(kept).toEqual(kept.map(([day]) => [day, byDay.get(day as string) ?? null]));
    expect(kept.filter(([, hundredths]) => hundredths !== null)).toHaveLength(5);
    expect(history.some((h) => !Number.isInteger(h.score))).toBe(true);
  });

  it('reads them from the history for a row written before they were kept', async () => {
    const customer = await aSwingingAccount('Older Co');
    for (const n of [0, 3, 10]) await recompute(customer.id, daysBefore(first, -n));
    await inOrg(db, org.id, (tx) =>
      tx.execute(sql`update health_scores set recent_scores = null, earlier_day = null, earlier_score = null
        where org_id = ${org.id} and customer_id = ${customer.id}`),
    );
    const at = daysBefore(first, -17);
    const { history } = await stored(customer.id);
    await recompute(customer.id, at);
    const { current } = await stored(customer.id);
    const day = at.toISOString().slice(0, 10);
    expect(current?.delta7d).toBe(deltaFromHistory(history, day, current?.score ?? 0, 7));
    expect(current?.delta7d).not.toBeNull();
    // The driver reads an array's NULL as NaN.
    expect(current?.recentScores?.filter((s) => Number.isFinite(s))).toHaveLength(4);
  });

  it('leaves the current score as it is when an earlier day is scored, and keeps that day in the history', async () => {
    const customer = await aSwingingAccount('Backfilled Co');
    await recompute(customer.id, daysBefore(first, -30));
    const later = (await stored(customer.id)).current;
    await recompute(customer.id, daysBefore(first, -20));
    const { current, history } = await stored(customer.id);
    expect(current?.day).toBe(later?.day);
    expect(current?.score).toBe(later?.score);
    expect(history.map((h) => h.day)).toEqual([
      daysBefore(first, -20).toISOString().slice(0, 10),
      daysBefore(first, -30).toISOString().slice(0, 10),
    ]);
    await recompute(customer.id, daysBefore(first, -31));
    const next = (await stored(customer.id)).current;
    expect(next?.delta7d).toBe(
      deltaFromHistory(history, daysBefore(first, -31).toISOString().slice(0, 10), next?.score ?? 0, 7),
    );
  });

  it('leaves the day’s history row as it was when a rerun of the day changes nothing, and replaces it when it does', async () => {
    const customer = await aSwingingAccount('Rerun Co');
    const at = daysBefore(first, -3);
    const historyRow = () =>
      inOrg(db, org.id, async (tx) => {
        const [row] = await tx.execute<{ version: string; computed_at: string; score: number }>(
          sql`select xmin::text as version, computed_at::text, score from health_score_history
            where org_id = ${org.id} and customer_id = ${customer.id}`,
        );
        return row;
      });
    await recompute(customer.id, at);
    const before = await historyRow();
    await recompute(customer.id, new Date(at.getTime() + 3_600_000));
    expect(await historyRow()).toEqual(before);
    await someSignals(db, org, customer.id, [
      { kind: 'usage.active_users', value: 1, period: 'week', observedAt: daysBefore(at, 1) },
    ]);
    await recompute(customer.id, new Date(at.getTime() + 7_200_000));
    const after = await historyRow();
    expect(after?.score).not.toBe(before?.score);
    expect(after?.version).not.toBe(before?.version);
  });
});
