import { and, asc, eq, gte } from 'drizzle-orm';
import type { HealthScore } from '../../shared/api/health.ts';
import { customers } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { readAlerts } from './alerts.ts';
import { withSentences } from './model/sentences.ts';
import { healthModels, healthScoreHistory, healthScores } from './schema.ts';

const sparklineDays = 90;

/** The customer's current score with its drivers in words, 90 days of history and the open alerts. */
export async function customerHealth(
  deps: OrgDeps,
  input: { customerId: string },
): Promise<HealthScore | null> {
  const { db, principal, clock } = deps;
  const orgId = principal.orgId;
  const [current] = await db
    .select({ score: healthScores, customerName: customers.name })
    .from(healthScores)
    .innerJoin(
      customers,
      and(eq(customers.orgId, healthScores.orgId), eq(customers.id, healthScores.customerId)),
    )
    .where(and(eq(healthScores.orgId, orgId), eq(healthScores.customerId, input.customerId)));
  if (!current) return null;
  const since = new Date(clock.now().getTime() - sparklineDays * 86_400_000).toISOString().slice(0, 10);
  const history = await db
    .select({ day: healthScoreHistory.day, score: healthScoreHistory.score })
    .from(healthScoreHistory)
    .where(
      and(
        eq(healthScoreHistory.orgId, orgId),
        eq(healthScoreHistory.customerId, input.customerId),
        gte(healthScoreHistory.day, since),
      ),
    )
    .orderBy(asc(healthScoreHistory.day));
  const openAlerts = await readAlerts(db, orgId, { customerId: input.customerId, status: 'open', limit: 10 });
  const s = current.score;
  // "Based on 4 of 7 signals": of the components the score's own model version weighs.
  const [model] = await db
    .select({ weights: healthModels.weights })
    .from(healthModels)
    .where(and(eq(healthModels.orgId, orgId), eq(healthModels.version, s.modelVersion)));
  const weighed = Object.values(model?.weights ?? {}).filter((w) => w > 0).length;
  return {
    customerId: s.customerId,
    customerName: current.customerName,
    score: s.score,
    band: s.band,
    confidence: s.confidence,
    componentsPresent: s.drivers.length,
    componentsTotal: Math.max(weighed, s.drivers.length),
    deltas: { d7: s.delta7d, d30: s.delta30d, d90: s.delta90d },
    drivers: withSentences(s.drivers),
    history,
    openAlerts,
    modelVersion: s.modelVersion,
    computedAt: s.computedAt.toISOString(),
  };
}
