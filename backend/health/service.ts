import { and, eq, sql } from 'drizzle-orm';
import type { HealthModel, HealthModelInput, RecordOutcomeInput } from '../../shared/api/health.ts';
import { customers } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { addModelVersion, listModelVersions, readCurrentModel } from './models.ts';
import { requestOrgRecompute } from './recompute-requests.ts';
import { customerOutcomesTable } from './schema.ts';

export function currentHealthModel(deps: OrgDeps): Promise<HealthModel> {
  return readCurrentModel(deps.db, deps.principal.orgId, deps.clock.now());
}

export function healthModelVersions(deps: OrgDeps): Promise<HealthModel[]> {
  return listModelVersions(deps.db, deps.principal.orgId, deps.clock.now());
}

/** A new version; the scores move to it at the next recompute, which is asked for here. */
export async function updateHealthModel(deps: OrgDeps, input: HealthModelInput): Promise<HealthModel> {
  const { db, principal, clock } = deps;
  const model = await addModelVersion(db, {
    ...input,
    orgId: principal.orgId,
    source: 'admin',
    createdBy: principal.userId,
    now: clock.now(),
  });
  await requestOrgRecompute(db, principal.orgId);
  return model;
}

export async function recomputeOrgHealth(deps: OrgDeps): Promise<{ jobId: string; enqueued: boolean }> {
  const job = await requestOrgRecompute(deps.db, deps.principal.orgId);
  return { jobId: job.id, enqueued: job.enqueued };
}

/** Churned or renewed at a date: what calibration learns from. One outcome per customer and date. */
export async function recordCustomerOutcome(deps: OrgDeps, input: RecordOutcomeInput) {
  const { db, principal } = deps;
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.orgId, principal.orgId), eq(customers.id, input.customerId)));
  if (!customer) throw new DomainError('NOT_FOUND', 'no such customer');
  const [row] = await db
    .insert(customerOutcomesTable)
    .values({
      orgId: principal.orgId,
      customerId: input.customerId,
      outcome: input.outcome,
      at: input.at,
      source: 'api',
      createdBy: principal.userId,
    })
    .onConflictDoUpdate({
      target: [customerOutcomesTable.orgId, customerOutcomesTable.customerId, customerOutcomesTable.at],
      set: {
        outcome: sql`excluded.outcome`,
        source: sql`excluded.source`,
        createdBy: sql`excluded.created_by`,
      },
    })
    .returning();
  if (!row) throw new Error('the outcome was not written');
  return { id: row.id, customerId: row.customerId, outcome: row.outcome, at: row.at, source: row.source };
}
