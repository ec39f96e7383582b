import { randomUUID } from 'node:crypto';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { healthSignals, type SignalDetail } from '../../backend/signals/schema.ts';
import type { SignalKind, SignalPeriod } from '../../shared/enums.ts';

export interface SignalSpec {
  kind: SignalKind;
  value: number;
  observedAt: Date;
  period?: SignalPeriod;
  detail?: SignalDetail;
}

/** Signals written straight into the table (the signals feature's own ways in are tested beside it). */
export async function someSignals(db: Db, org: OrgRef, customerId: string, specs: SignalSpec[]) {
  if (specs.length === 0) return [];
  return inOrg(db, org.id, (tx) =>
    tx
      .insert(healthSignals)
      .values(
        specs.map((s) => ({
          orgId: org.id,
          customerId,
          kind: s.kind,
          period: s.period ?? 'instant',
          observedAt: s.observedAt,
          value: s.value,
          detail: s.detail ?? {},
          eventId: randomUUID(),
          source: 'test',
        })),
      )
      .returning({ id: healthSignals.id }),
  );
}

export const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * 86_400_000);

/**
 * Weekly active users and logins for the 9 weeks before `at`: the weeks of the 30 days before it at
 * `after`, the weeks before those at `before` (so a fall from 80 to 50 reads "down 38 %").
 */
export function weeklyUsage(
  at: Date,
  spec: { users: [before: number, after: number]; logins: [before: number, after: number]; seats?: number },
) {
  const signals: SignalSpec[] = [];
  for (let week = 0; week < 9; week++) {
    const daysBack = 7 * week + 1;
    const step = daysBack <= 30 ? 1 : 0;
    const observedAt = daysBefore(at, daysBack);
    signals.push({ kind: 'usage.active_users', value: spec.users[step] ?? 0, observedAt, period: 'week' });
    signals.push({ kind: 'usage.logins', value: spec.logins[step] ?? 0, observedAt, period: 'week' });
  }
  if (spec.seats !== undefined)
    signals.push({ kind: 'usage.seats', value: spec.seats, observedAt: daysBefore(at, 20) });
  return signals;
}
