import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activities, contacts, customers, orgs, tasks, users } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';

/** What CSCX knows of the account that a draft may state: its own data, trusted. */
export interface DraftFacts {
  orgName: string;
  senderName: string;
  senderEmail: string;
  customer: {
    name: string;
    renewalDate: string | null;
    arr: string | null;
    openTickets: { subject: string; priority: string | null; openedAt: string }[];
    lastMeeting: { subject: string; occurredAt: string } | null;
    openTasks: { title: string; dueDate: string | null }[];
  };
  contacts: { name: string; email: string | null }[];
}

/** The account card's facts, read in one short transaction before the model is called. */
export async function loadDraftFacts(
  tx: Db,
  scope: { orgId: string; userId: string; customerId: string; now: Date },
): Promise<DraftFacts> {
  const { orgId, customerId } = scope;
  const [customer] = await tx
    .select({
      name: customers.name,
      arrMinor: customers.arrMinor,
      currency: customers.currency,
      renewalDate: customers.renewalDate,
    })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  if (!customer) throw new DomainError('NOT_FOUND', 'no such customer');
  const [org] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId));
  const [sender] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, scope.userId)));
  const ofCustomer = and(eq(activities.orgId, orgId), eq(activities.customerId, customerId));
  const tickets = await tx
    .select({
      subject: activities.subject,
      priority: activities.ticketPriority,
      occurredAt: activities.occurredAt,
    })
    .from(activities)
    .where(
      and(ofCustomer, eq(activities.kind, 'ticket'), inArray(activities.ticketStatus, ['open', 'pending'])),
    )
    .orderBy(desc(activities.occurredAt))
    .limit(5);
  const [meeting] = await tx
    .select({ subject: activities.subject, occurredAt: activities.occurredAt })
    .from(activities)
    .where(and(ofCustomer, eq(activities.kind, 'meeting'), lte(activities.occurredAt, scope.now)))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(1);
  const openTasks = await tx
    .select({ title: tasks.title, dueDate: tasks.dueDate })
    .from(tasks)
    .where(and(eq(tasks.orgId, orgId), eq(tasks.customerId, customerId), eq(tasks.status, 'open')))
    .orderBy(tasks.dueDate)
    .limit(5);
  const people = await tx
    .select({ name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId)))
    .limit(500);
  return {
    orgName: org?.name ?? '',
    senderName: sender?.name || sender?.email.split('@')[0] || '',
    senderEmail: sender?.email ?? '',
    customer: {
      name: customer.name,
      renewalDate: customer.renewalDate,
      arr: customer.arrMinor > 0 ? formatMoney(customer.arrMinor, customer.currency) : null,
      openTickets: tickets.map((t) => ({
        subject: t.subject,
        priority: t.priority,
        openedAt: t.occurredAt.toISOString(),
      })),
      lastMeeting: meeting
        ? { subject: meeting.subject, occurredAt: meeting.occurredAt.toISOString() }
        : null,
      openTasks,
    },
    contacts: people,
  };
}

function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    minor / 100,
  );
}
