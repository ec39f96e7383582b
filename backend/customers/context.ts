import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ContextOutput, contextInput } from '../../shared/api/customers.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/client.ts';
import { activities, customerDomains, customers, tasks, users } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { type CustomerMatch, describeMatch, matchParticipantsToCustomer } from './match.ts';
import { daysUntil, toActivityOutput, toContactOutput, toCustomerSummary } from './output.ts';
import { readParticipants } from './participants.ts';

const maxCandidates = 5;

/**
 * The call the sidebar makes when a thread or an event opens: who the customer is, why we think so,
 * and the account at a glance.
 */
export async function getCustomerContext(
  db: Db,
  principal: Principal,
  input: z.infer<typeof contextInput>,
  now: Date,
): Promise<ContextOutput> {
  let matches: CustomerMatch[];
  let unmatchedEmails: string[] = [];
  if ('customerId' in input) {
    matches = [{ customerId: input.customerId, contactHits: [], domainMatches: [], domainSpecificity: 0 }];
  } else {
    const result = await matchParticipantsToCustomer(
      db,
      principal.orgId,
      readParticipants(input.emails, principal.orgDomains),
    );
    matches = result.matches.slice(0, maxCandidates);
    unmatchedEmails = result.unmatchedEmails;
  }
  if (matches.length === 0) return { candidates: [], customer: null, unmatchedEmails };

  const rows = await loadCandidates(
    db,
    principal.orgId,
    matches.map((m) => m.customerId),
  );
  const byId = new Map(rows.map((r) => [r.customer.id, r]));
  if ('customerId' in input && !byId.has(input.customerId))
    throw new DomainError('NOT_FOUND', 'no such customer');
  const ranked = matches
    .filter((m) => byId.has(m.customerId))
    .map((match) => ({ match, row: byId.get(match.customerId)! }))
    .sort(
      (a, b) =>
        b.match.contactHits.length - a.match.contactHits.length ||
        b.match.domainSpecificity - a.match.domainSpecificity ||
        (b.row.lastActivityAt?.getTime() ?? 0) - (a.row.lastActivityAt?.getTime() ?? 0),
    );
  const top = ranked[0];
  if (!top) return { candidates: [], customer: null, unmatchedEmails };

  const recent = await db
    .select()
    .from(activities)
    .where(and(eq(activities.orgId, principal.orgId), eq(activities.customerId, top.row.customer.id)))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(10);
  const { customer, owner, domains, openTaskCount } = top.row;
  return {
    candidates: ranked.map(({ match, row }) => ({
      customer: toCustomerSummary(row.customer, row.domains),
      reason: {
        contactEmails: match.contactHits.map((c) => c.email),
        domainMatches: match.domainMatches,
        summary: 'customerId' in input ? 'Selected by you' : describeMatch(match),
      },
      lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
    })),
    customer: {
      ...toCustomerSummary(customer, domains),
      owner,
      daysToRenewal: customer.renewalDate ? daysUntil(customer.renewalDate, now, principal.timeZone) : null,
      matchedContacts: top.match.contactHits.map(toContactOutput),
      recentActivities: recent.map(toActivityOutput),
      openTaskCount,
      health: null,
      pendingApprovals: [],
    },
    unmatchedEmails,
  };
}

async function loadCandidates(db: Db, orgId: string, customerIds: string[]) {
  // Correlated sub-queries with the org in front, so each is one short walk of its (org_id, customer_id, …) index.
  const rows = await db
    .select({
      customer: customers,
      ownerName: users.name,
      ownerEmail: users.email,
      lastActivityAt: sql<
        string | null
      >`(select max(a.occurred_at) from ${activities} a where a.org_id = ${orgId} and a.customer_id = ${customers.id})`,
      openTaskCount: sql<number>`(select count(*)::int from ${tasks} t where t.org_id = ${orgId} and t.customer_id = ${customers.id} and t.status = 'open')`,
      domains: sql<
        string[]
      >`coalesce((select array_agg(d.domain order by d.domain) from ${customerDomains} d where d.customer_id = ${customers.id}), '{}')`,
    })
    .from(customers)
    .leftJoin(users, eq(users.id, customers.ownerId))
    .where(and(eq(customers.orgId, orgId), inArray(customers.id, customerIds)));
  return rows.map((r) => ({
    customer: r.customer,
    domains: r.domains,
    owner:
      r.customer.ownerId && r.ownerEmail
        ? { id: r.customer.ownerId, name: r.ownerName ?? '', email: r.ownerEmail }
        : null,
    lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt) : null,
    openTaskCount: Number(r.openTaskCount),
  }));
}
