import { and, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { AlertCause, HealthAlert } from '../../shared/api/health.ts';
import type { Db } from '../db/client.ts';
import { customers } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { withSentences } from './model/sentences.ts';
import { type AlertFacts, type HealthAlertRow, healthAlerts } from './schema.ts';

const formatDay = (isoDay: string) =>
  new Date(`${isoDay}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
const num = (facts: AlertFacts, key: string) => (typeof facts[key] === 'number' ? (facts[key] as number) : 0);
const str = (facts: AlertFacts, key: string) =>
  typeof facts[key] === 'string' ? (facts[key] as string) : null;

const sentences: Record<AlertCause, (facts: AlertFacts) => string> = {
  drop: (f) =>
    `Score fell ${num(f, 'from') - num(f, 'to')} points in ${num(f, 'days')} days (${num(f, 'from')} → ${num(f, 'to')})`,
  at_risk: (f) => `Score ${num(f, 'score')}: now at risk`,
  champion_left: (f) => {
    const on = str(f, 'on');
    return `Champion${str(f, 'name') ? ` ${str(f, 'name')}` : ''} left${on ? ` on ${formatDay(on)}` : ''}, and no new champion has joined`;
  },
  renewal_at_risk: (f) =>
    `Renewal in ${num(f, 'daysToRenewal')} days while at risk (score ${num(f, 'score')})`,
};

export function alertSentence(cause: AlertCause, facts: AlertFacts): string {
  return sentences[cause](facts);
}

function toAlertOutput(row: HealthAlertRow, customerName: string): HealthAlert {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName,
    cause: row.cause,
    status: row.acknowledgedAt ? 'acknowledged' : 'open',
    sentence: alertSentence(row.cause, row.facts),
    score: row.score,
    previousScore: row.previousScore,
    band: row.band,
    drivers: withSentences(row.drivers),
    createdAt: row.createdAt.toISOString(),
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  };
}

export interface AlertFilter {
  status?: 'open' | 'acknowledged' | undefined;
  customerId?: string | undefined;
  ownerId?: string | undefined;
  limit: number;
}

export async function readAlerts(tx: Db, orgId: string, filter: AlertFilter): Promise<HealthAlert[]> {
  const conditions: SQL[] = [eq(healthAlerts.orgId, orgId)];
  if (filter.customerId) conditions.push(eq(healthAlerts.customerId, filter.customerId));
  if (filter.ownerId) conditions.push(eq(customers.ownerId, filter.ownerId));
  if (filter.status === 'open') conditions.push(isNull(healthAlerts.acknowledgedAt));
  if (filter.status === 'acknowledged') conditions.push(isNotNull(healthAlerts.acknowledgedAt));
  const rows = await tx
    .select({ alert: healthAlerts, customerName: customers.name })
    .from(healthAlerts)
    .innerJoin(
      customers,
      and(eq(customers.orgId, healthAlerts.orgId), eq(customers.id, healthAlerts.customerId)),
    )
    .where(and(...conditions))
    .orderBy(desc(healthAlerts.createdAt), desc(healthAlerts.id))
    .limit(filter.limit);
  return rows.map((r) => toAlertOutput(r.alert, r.customerName));
}

export function listAlerts(deps: OrgDeps, input: AlertFilter): Promise<HealthAlert[]> {
  return readAlerts(deps.db, deps.principal.orgId, input);
}

/** Acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert(deps: OrgDeps, input: { alertId: string }): Promise<HealthAlert> {
  const { db, principal, clock } = deps;
  await db
    .update(healthAlerts)
    .set({ acknowledgedBy: principal.userId, acknowledgedAt: clock.now() })
    .where(
      and(
        eq(healthAlerts.orgId, principal.orgId),
        eq(healthAlerts.id, input.alertId),
        isNull(healthAlerts.acknowledgedAt),
      ),
    );
  const [row] = await db
    .select({ alert: healthAlerts, customerName: customers.name })
    .from(healthAlerts)
    .innerJoin(
      customers,
      and(eq(customers.orgId, healthAlerts.orgId), eq(customers.id, healthAlerts.customerId)),
    )
    .where(and(eq(healthAlerts.orgId, principal.orgId), eq(healthAlerts.id, input.alertId)));
  if (!row) throw new DomainError('NOT_FOUND', 'no such alert');
  return toAlertOutput(row.alert, row.customerName);
}
