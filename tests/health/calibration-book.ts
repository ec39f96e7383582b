import { randomUUID } from 'node:crypto';
import type { Db } from '../../backend/db/client.ts';
import { activities, customers } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { seededRandom } from '../../backend/health/calibration/seeded-random.ts';
import { customerOutcomesTable } from '../../backend/health/schema.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { healthSignals } from '../../backend/signals/schema.ts';
import { daysBefore, weeklyUsage } from './signal-builders.ts';

export const outcomeDay = '2026-09-01';
/** Calibration reads the features 30 days before the outcome. */
export const featuresDay = new Date('2026-08-02T12:00:00Z');

/**
 * The book's customers in the same id order on every run (the calibration splits them in id order):
 * with the database's random ids each run drew another split, and the held-out figures moved with it.
 * The org's own id ends each one, so two books never share an id.
 */
const accountId = (org: OrgRef, i: number) =>
  `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${org.id.slice(-12)}`;

/**
 * A book where churn follows open urgent tickets and low NPS, while usage is steady noise that says
 * nothing: the default model leans on usage, so fitted weights should move to support and surveys.
 * Every account had a ticket in the year (closed), so its support component has data. Written in a
 * few statements: a builder call per row would make the file slow.
 */
export async function aBookWithHistory(db: Db, org: OrgRef, count: number, seed: number) {
  const random = seededRandom(seed);
  const accounts = Array.from({ length: count }, (_, i) => {
    const urgentOpen = Math.floor(random() * 4);
    const nps = Math.floor(random() * 11);
    const users = 5 + Math.floor(random() * 95);
    const churnOdds = -2 + 1.6 * urgentOpen + 0.7 * (5 - nps);
    return { i, urgentOpen, nps, users, churned: random() < 1 / (1 + Math.exp(-churnOdds)) };
  });
  const rows = await inOrg(db, org.id, (tx) =>
    tx
      .insert(customers)
      .values(
        accounts.map(({ i }) => ({
          id: accountId(org, i),
          orgId: org.id,
          name: `Account ${i}`,
          renewalDate: '2026-09-01',
        })),
      )
      .returning({ id: customers.id }),
  );
  const signals = accounts.flatMap((account, k) =>
    [
      ...weeklyUsage(featuresDay, {
        users: [account.users, account.users],
        logins: [account.users * 9, account.users * 9],
        seats: 100,
      }),
      { kind: 'survey.nps' as const, value: account.nps, observedAt: daysBefore(featuresDay, 15) },
    ].map((signal) => ({
      period: 'instant' as const,
      ...signal,
      orgId: org.id,
      customerId: rows[k]!.id,
      detail: {},
      eventId: randomUUID(),
      source: 'test',
    })),
  );
  const ticket = (customerId: string, status: 'open' | 'closed', daysAgo: number) => ({
    orgId: org.id,
    customerId,
    kind: 'ticket' as const,
    subject: 'Ticket',
    ticketStatus: status,
    ticketPriority: 'urgent' as const,
    occurredAt: daysBefore(featuresDay, daysAgo),
  });
  await inOrg(db, org.id, async (tx) => {
    // A statement takes at most 65,535 parameters.
    for (let start = 0; start < signals.length; start += 2000)
      await tx.insert(healthSignals).values(signals.slice(start, start + 2000));
    await tx
      .insert(activities)
      .values(
        accounts.flatMap((account, k) => [
          ticket(rows[k]!.id, 'closed', 120),
          ...Array.from({ length: account.urgentOpen }, (_, t) => ticket(rows[k]!.id, 'open', 10 + t)),
        ]),
      );
    await tx.insert(customerOutcomesTable).values(
      accounts.map((account, k) => ({
        orgId: org.id,
        customerId: rows[k]!.id,
        outcome: account.churned ? ('churned' as const) : ('renewed' as const),
        at: outcomeDay,
        source: 'test',
      })),
    );
  });
}
