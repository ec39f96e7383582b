import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActivityOutput, ContextOutput, contextInput } from '../../shared/api/customers.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/client.ts';
import { activities, customerDomains, customers, tasks, users } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { type CustomerMatch, describeMatch, matchParticipantsToCustomer } from './match.ts';
import { daysUntil, toContactOutput, toCustomerSummary } from './output.ts';
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

  const { customer, owner, domains, openTaskCount, recentActivities } = top.row;
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
      recentActivities,
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
      // The last 10 activities ride along, saving a round trip for the customer the sidebar opens.
      recent: sql<
        RecentActivityRow[] | string
      >`(select coalesce(json_agg(r order by r.occurred_at desc, r.id desc), '[]'::json) from (
        select a.id, a.kind, a.occurred_at, a.subject, a.summary, a.contact_id, a.ticket_status, a.ticket_priority, a.nps_score, a.source
        from ${activities} a where a.org_id = ${orgId} and a.customer_id = ${customers.id}
        order by a.occurred_at desc, a.id desc limit 10) r)`,
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
    recentActivities: (typeof r.recent === 'string'
      ? (JSON.parse(r.recent) as RecentActivityRow[])
      : r.recent
    ).map(toRecentActivity),
  }));
}

/** A row of the `recent` JSON column: snake_case, timestamps as Postgres writes them in JSON. */
interface RecentActivityRow {
  id: string;
  kind: ActivityOutput['kind'];
  occurred_at: string;
  subject: string;
  summary: string;
  contact_id: string | null;
  ticket_status: ActivityOutput['ticketStatus'];
  ticket_priority: ActivityOutput['ticketPriority'];
  nps_score: number | null;
  source: string;
}

function toRecentActivity(row: RecentActivityRow): ActivityOutput {
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: new Date(row.occurred_at).toISOString(),
    subject: row.subject,
    summary: row.summary,
    contactId: row.contact_id,
    ticketStatus: row.ticket_status,
    ticketPriority: row.ticket_priority,
    npsScore: row.nps_score,
    source: row.source,
  };
}
