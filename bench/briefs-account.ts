import { randomUUID } from 'node:crypto';
import type { Db } from '../backend/db/client.ts';
import {
  activities,
  contacts,
  customerDomains,
  customers,
  type StoredThreadAnalysis,
  tasks,
} from '../backend/db/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import { recomputeCustomers } from '../backend/health/recompute.ts';
import { healthSignals } from '../backend/signals/schema.ts';
import type { ThreadAnalysis } from '../shared/api/threads.ts';

const dayMs = 86_400_000;
const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * dayMs);

/** The rows a test looks for: each a claim of the brief must point at. */
export interface BriefAccount {
  customerId: string;
  champion: { id: string; email: string };
  engineer: { id: string; email: string };
  urgentTicketId: string;
  latestEmailId: string;
  commitmentEmailId: string;
  lastMeetingId: string;
  competitorSignalId: string;
  overdueTaskId: string;
  activityCount: number;
}

function analysed(score: number, extra: Partial<ThreadAnalysis> = {}): StoredThreadAnalysis {
  return {
    fingerprint: randomUUID(),
    messageCount: 2,
    provider: 'local',
    model: 'cscx-local-1',
    analysis: {
      sentiment: { score, label: score < -0.05 ? 'negative' : score > 0.05 ? 'positive' : 'neutral' },
      urgency: 'normal',
      asks: [],
      commitments: [],
      needsReply: false,
      summary: '',
      ...extra,
    },
  };
}

/**
 * A customer with a year of history before `now`: weekly emails from its champion (analysed, warm
 * until the last few weeks), monthly calls, tickets (one urgent still open), NPS answers, an overdue
 * task, weekly usage, a competitor named on the last call, and its health scored. `emailsPerWeek`
 * scales the timeline for the bench.
 */
export async function aYearOfCustomer(
  db: Db,
  orgId: string,
  now: Date,
  options: { name: string; domain: string; emailsPerWeek?: number; ownerId?: string },
): Promise<BriefAccount> {
  const perWeek = options.emailsPerWeek ?? 1;
  const ids = await inOrg(db, orgId, async (tx) => {
    const renewal = new Date(now.getTime() + 60 * dayMs).toISOString().slice(0, 10);
    const [customer] = await tx
      .insert(customers)
      .values({
        orgId,
        name: options.name,
        arrMinor: 12_000_000,
        renewalDate: renewal,
        stage: 'renewal',
        ownerId: options.ownerId ?? null,
      })
      .returning({ id: customers.id });
    if (!customer) throw new Error('no customer');
    const customerId = customer.id;
    await tx.insert(customerDomains).values({ orgId, customerId, domain: options.domain });
    const [champion, engineer] = await tx
      .insert(contacts)
      .values([
        {
          orgId,
          customerId,
          email: `dana@${options.domain}`,
          name: 'Dana Whit',
          title: 'Head of Support',
          role: 'champion',
        },
        {
          orgId,
          customerId,
          email: `lee@${options.domain}`,
          name: 'Lee Park',
          title: 'IT Lead',
          role: 'technical',
        },
      ])
      .returning({ id: contacts.id, email: contacts.email });
    if (!champion || !engineer) throw new Error('no contacts');

    const rows: (typeof activities.$inferInsert)[] = [];
    for (let week = 52; week >= 1; week--) {
      for (let n = 0; n < perWeek; n++) {
        const score = week <= 3 ? -0.6 : 0.5;
        rows.push({
          orgId,
          customerId,
          contactId: champion.id,
          kind: 'email',
          occurredAt: daysBefore(now, week * 7 + n),
          subject: `Weekly check-in ${53 - week}${n ? `.${n}` : ''}`,
          analysis: analysed(score),
        });
      }
    }
    for (let month = 12; month >= 2; month--)
      rows.push({
        orgId,
        customerId,
        contactId: engineer.id,
        kind: 'meeting',
        occurredAt: daysBefore(now, month * 30),
        subject: `Monthly sync ${13 - month}`,
        summary: 'Went through adoption and open tickets.',
      });
    for (let t = 0; t < 20; t++)
      rows.push({
        orgId,
        customerId,
        kind: 'ticket',
        occurredAt: daysBefore(now, 20 + t * 17),
        subject: `Question ${t + 1}`,
        ticketStatus: 'closed',
        ticketPriority: 'normal',
      });
    for (const [days, score] of [
      [200, 9],
      [100, 8],
      [20, 5],
    ] as const)
      rows.push({ orgId, customerId, kind: 'nps', occurredAt: daysBefore(now, days), npsScore: score });
    await tx.insert(activities).values(rows);

    const [commitment, latest, lastMeeting, ticket] = await tx
      .insert(activities)
      .values([
        {
          orgId,
          customerId,
          contactId: champion.id,
          kind: 'email',
          occurredAt: daysBefore(now, 4),
          subject: 'SSO outage follow-up',
          analysis: analysed(-0.5, {
            commitments: [
              {
                quote: 'We will send the SSO fix plan by Friday',
                messageIndex: 1,
                due: daysBefore(now, 1).toISOString(),
              },
            ],
          }),
        },
        {
          orgId,
          customerId,
          contactId: champion.id,
          kind: 'email',
          occurredAt: daysBefore(now, 1),
          subject: 'Still waiting on SSO',
          analysis: analysed(-0.7, {
            asks: [{ quote: 'Can you confirm the new date for the fix?', messageIndex: 0, kind: 'question' }],
            needsReply: true,
          }),
        },
        {
          orgId,
          customerId,
          contactId: engineer.id,
          kind: 'meeting',
          occurredAt: daysBefore(now, 14),
          subject: 'SSO escalation call',
          summary: 'Agreed to retest SSO after the patch. Contoso came up as an option.',
        },
        {
          orgId,
          customerId,
          kind: 'ticket',
          occurredAt: daysBefore(now, 9),
          subject: 'SSO login fails for all users',
          ticketStatus: 'open',
          ticketPriority: 'urgent',
        },
      ])
      .returning({ id: activities.id });
    if (!commitment || !latest || !lastMeeting || !ticket) throw new Error('no activities');
    const [signal] = await tx
      .insert(healthSignals)
      .values({
        orgId,
        customerId,
        kind: 'call.competitor',
        observedAt: daysBefore(now, 14),
        value: 1,
        detail: { activityId: lastMeeting.id, competitor: 'Contoso' },
        eventId: randomUUID(),
        source: 'meeting',
      })
      .returning({ id: healthSignals.id });
    const usage = [];
    for (let week = 0; week < 9; week++) {
      const observedAt = daysBefore(now, 7 * week + 1);
      const recent = week < 4;
      usage.push(
        {
          orgId,
          customerId,
          kind: 'usage.active_users' as const,
          period: 'week' as const,
          observedAt,
          value: recent ? 40 : 90,
          eventId: randomUUID(),
          source: 'bench',
        },
        {
          orgId,
          customerId,
          kind: 'usage.logins' as const,
          period: 'week' as const,
          observedAt,
          value: recent ? 300 : 900,
          eventId: randomUUID(),
          source: 'bench',
        },
      );
    }
    await tx.insert(healthSignals).values(usage);
    const [task] = await tx
      .insert(tasks)
      .values({
        orgId,
        customerId,
        title: 'Send the QBR deck',
        dueDate: daysBefore(now, 3).toISOString().slice(0, 10),
      })
      .returning({ id: tasks.id });
    if (!signal || !task) throw new Error('no signal or task');
    return {
      customerId,
      champion,
      engineer,
      urgentTicketId: ticket.id,
      latestEmailId: latest.id,
      commitmentEmailId: commitment.id,
      lastMeetingId: lastMeeting.id,
      competitorSignalId: signal.id,
      overdueTaskId: task.id,
      activityCount: rows.length + 4,
    };
  });
  await recomputeCustomers({ orgId, inOrg: (work) => inOrg(db, orgId, work), now }, [ids.customerId]);
  return ids;
}
