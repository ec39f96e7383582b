import { and, eq, isNull } from 'drizzle-orm';
import { loadAiSettings } from '../ai/settings/queries.ts';
import type { Db } from '../db/client.ts';
import { activities, contacts, customers, orgs, type StoredThreadAnalysis, users } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { gmailSource } from './gmail-source.ts';

export interface ThreadContext {
  orgName: string;
  orgDomains: string[];
  /** The org's members: their messages are ours. */
  memberEmails: string[];
  customer: {
    id: string;
    name: string;
    contacts: { id: string; name: string; email: string | null }[];
  } | null;
  /** What the thread's timeline entry holds, when it was logged before. */
  logged: { activityId: string; customerId: string; analysis: StoredThreadAnalysis | null } | null;
  logGmailThreads: boolean;
}

/** Everything analysing a thread reads, in the one short transaction before the model is called. */
export async function loadThreadContext(
  tx: Db,
  orgId: string,
  input: { customerId: string | null; threadId: string | null },
): Promise<ThreadContext> {
  const [org] = await tx
    .select({ name: orgs.name, domains: orgs.domains })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  if (!org) throw new DomainError('NOT_FOUND', 'no such org');
  const members = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.removedAt)));
  const settings = await loadAiSettings(tx, orgId);
  return {
    orgName: org.name,
    orgDomains: org.domains,
    memberEmails: members.map((m) => m.email),
    customer: input.customerId ? await loadCustomer(tx, orgId, input.customerId) : null,
    logged: input.threadId ? await loadLoggedThread(tx, orgId, input.threadId) : null,
    logGmailThreads: settings.logGmailThreads,
  };
}

async function loadCustomer(tx: Db, orgId: string, customerId: string) {
  const [customer] = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  if (!customer) throw new DomainError('NOT_FOUND', 'no such customer');
  const people = await tx
    .select({ id: contacts.id, name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId)))
    .limit(500);
  return { ...customer, contacts: people };
}

async function loadLoggedThread(tx: Db, orgId: string, threadId: string) {
  const [row] = await tx
    .select({ activityId: activities.id, customerId: activities.customerId, analysis: activities.analysis })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.source, gmailSource),
        eq(activities.externalId, threadId),
      ),
    );
  return row ?? null;
}
