import { and, eq, gte, sql } from 'drizzle-orm';
import type { AiFeature, AiProviderName, AiUsageOutput } from '../../shared/api/ai.ts';
import { aiRuns, users } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';

const dayMs = 86_400_000;

/** Sums of the org's `ai_runs`: every attempt counts, one that fell back to the next provider as failed. */
const figures = {
  calls: sql<number>`count(*)::int`,
  failed: sql<number>`(count(*) filter (where ${aiRuns.status} in ('failed', 'fell_back')))::int`,
  inputTokens: sql<number>`coalesce(sum(${aiRuns.inputTokens}), 0)::int`,
  outputTokens: sql<number>`coalesce(sum(${aiRuns.outputTokens}), 0)::int`,
  costUsd: sql<number>`coalesce(sum(${aiRuns.costUsd}), 0)::float8`,
};

export async function getAiUsage(
  { db, principal, clock }: OrgDeps,
  input: { days: number },
): Promise<AiUsageOutput> {
  const since = new Date(clock.now().getTime() - input.days * dayMs);
  const inWindow = and(eq(aiRuns.orgId, principal.orgId), gte(aiRuns.createdAt, since));
  const [total] = await db.select(figures).from(aiRuns).where(inWindow);
  const byFeature = await db
    .select({ feature: aiRuns.feature, ...figures })
    .from(aiRuns)
    .where(inWindow)
    .groupBy(aiRuns.feature)
    .orderBy(aiRuns.feature);
  const byUser = await db
    .select({
      userId: aiRuns.userId,
      name: sql<string>`coalesce(${users.name}, '')`,
      email: sql<string>`coalesce(${users.email}, '')`,
      ...figures,
    })
    .from(aiRuns)
    .leftJoin(users, and(eq(users.orgId, aiRuns.orgId), eq(users.id, aiRuns.userId)))
    .where(inWindow)
    .groupBy(aiRuns.userId, users.name, users.email)
    .orderBy(sql`coalesce(sum(${aiRuns.costUsd}), 0) desc`, sql`count(*) desc`);
  const byProvider = await db
    .select({ provider: aiRuns.provider, model: aiRuns.model, ...figures })
    .from(aiRuns)
    .where(inWindow)
    .groupBy(aiRuns.provider, aiRuns.model)
    .orderBy(aiRuns.provider, aiRuns.model);
  return {
    since: since.toISOString(),
    total: total ?? { calls: 0, failed: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    byFeature: byFeature.map((r) => ({ ...r, feature: r.feature as AiFeature })),
    byUser,
    byProvider: byProvider.map((r) => ({ ...r, provider: r.provider as AiProviderName })),
  };
}
