import { desc, eq, sql } from 'drizzle-orm';
import {
  type HealthModel,
  type HealthModelInput,
  type HealthWeights,
  healthComponents,
} from '../../shared/api/health.ts';
import type { Db } from '../db/client.ts';
import type { ScoringModel } from './model/components.ts';
import { defaultHealthModel } from './model/default-model.ts';
import { type HealthModelRow, healthModels } from './schema.ts';

export type OrgHealthModel = ScoringModel & { dropAlertPoints: number };

/**
 * A version written before a component existed did not weigh it: 0, not missing (a missing weight
 * would make every score NaN).
 */
const unweighted = Object.fromEntries(healthComponents.map((c) => [c, 0])) as HealthWeights;

export function modelOutput(row: HealthModelRow): HealthModel {
  return {
    version: row.version,
    weights: { ...unweighted, ...row.weights },
    thresholds: row.thresholds,
    dropAlertPoints: row.dropAlertPoints,
    source: row.source,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The version an org that never changed its model scores with (written as version 1 on first use). */
function defaultVersion(now: Date): HealthModel {
  return {
    version: 1,
    ...defaultHealthModel,
    source: 'default',
    createdBy: null,
    createdAt: now.toISOString(),
  };
}

/** The org's latest version; the default (not yet written) when it has none. Reads only. */
export async function readCurrentModel(tx: Db, orgId: string, now: Date): Promise<HealthModel> {
  const [row] = await tx
    .select()
    .from(healthModels)
    .where(eq(healthModels.orgId, orgId))
    .orderBy(desc(healthModels.version))
    .limit(1);
  return row ? modelOutput(row) : defaultVersion(now);
}

/** The latest version, writing the default as version 1 first when the org has none: scores name a real row. */
export async function ensureCurrentModel(tx: Db, orgId: string, now: Date): Promise<HealthModel> {
  const current = await readCurrentModel(tx, orgId, now);
  if (current.source !== 'default' || current.version !== 1) return current;
  await tx
    .insert(healthModels)
    .values({ orgId, version: 1, ...defaultHealthModel, source: 'default', createdAt: now })
    .onConflictDoNothing();
  return readCurrentModel(tx, orgId, now);
}

/** A new version on top of the latest one: versions are never edited, so old scores stay explained. */
export async function addModelVersion(
  tx: Db,
  input: HealthModelInput & {
    orgId: string;
    source: 'admin' | 'calibrated';
    createdBy: string | null;
    now: Date;
  },
): Promise<HealthModel> {
  await ensureCurrentModel(tx, input.orgId, input.now);
  const [row] = await tx
    .insert(healthModels)
    .values({
      orgId: input.orgId,
      version: sql`(select coalesce(max(version), 0) + 1 from health_models where org_id = ${input.orgId})`,
      weights: input.weights,
      thresholds: input.thresholds,
      dropAlertPoints: input.dropAlertPoints,
      source: input.source,
      createdBy: input.createdBy,
      createdAt: input.now,
    })
    .returning();
  if (!row) throw new Error('the model version was not written');
  return modelOutput(row);
}

export async function listModelVersions(tx: Db, orgId: string, now: Date): Promise<HealthModel[]> {
  const rows = await tx
    .select()
    .from(healthModels)
    .where(eq(healthModels.orgId, orgId))
    .orderBy(desc(healthModels.version))
    .limit(200);
  return rows.length ? rows.map(modelOutput) : [defaultVersion(now)];
}

export function scoringModel(model: HealthModel): OrgHealthModel {
  return {
    version: model.version,
    weights: model.weights,
    thresholds: model.thresholds,
    dropAlertPoints: model.dropAlertPoints,
  };
}
