import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { SignalKind } from '../../shared/enums.ts';
import type { Db } from '../db/client.ts';
import { activities } from '../db/schema.ts';
import { healthSignals } from '../signals/schema.ts';
import { activityColumns, toActivity } from './activity-rows.ts';

const dayMs = 86_400_000;
/** How far back calls' signals count as risks. */
const signalWindowDays = 90;
const riskSignalKinds: SignalKind[] = ['call.risk', 'call.competitor', 'stakeholder.left'];

/** Risk, competitor and departure signals in the window, and the calls they were heard on. */
export async function readRiskSignals(
  tx: Db,
  orgId: string,
  customerId: string,
  asOf: Date,
  ofThisCustomer: SQL | undefined,
) {
  const signals = await tx
    .select({
      id: healthSignals.id,
      kind: healthSignals.kind,
      observedAt: healthSignals.observedAt,
      value: healthSignals.value,
      detail: healthSignals.detail,
    })
    .from(healthSignals)
    .where(
      and(
        eq(healthSignals.orgId, orgId),
        eq(healthSignals.customerId, customerId),
        inArray(healthSignals.kind, riskSignalKinds),
        gte(healthSignals.observedAt, new Date(asOf.getTime() - signalWindowDays * dayMs)),
        lte(healthSignals.observedAt, asOf),
      ),
    )
    .orderBy(desc(healthSignals.observedAt))
    .limit(10);
  const callIds = [...new Set(signals.flatMap((s) => (s.detail.activityId ? [s.detail.activityId] : [])))];
  const calls =
    callIds.length === 0
      ? []
      : await tx
          .select(activityColumns)
          .from(activities)
          .where(and(ofThisCustomer, inArray(activities.id, callIds)));
  return { signals, calls: calls.map(toActivity) };
}
