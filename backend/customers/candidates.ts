import { and, eq, sql } from 'drizzle-orm';
import type { ActivityOutput } from '../../shared/api/customers.ts';
import type { Db } from '../db/client.ts';
import { activities, contacts, customerDomains, customers, tasks, users } from '../db/schema.ts';
import type { ContactHit } from './match.ts';
import { toOwnerOutput } from './output.ts';
import { customerDomainList, customerOwnerJoin } from './queries.ts';

/** Which customers to load: given ids, or every customer a thread's addresses or domains point at. */
export type CandidateQuery = { customerIds: string[] } | { emails: string[]; domains: string[] };

/**
 * The candidates of a context lookup with everything the sidebar shows, in one statement: each round
 * trip to the database costs more than any of these lookups. Correlated sub-queries put the org first,
 * so each is one short walk of its (org_id, customer_id, …) index.
 */
export async function loadCandidates(db: Db, orgId: string, query: CandidateQuery) {
  const emails = 'emails' in query ? query.emails : [];
  const domains = 'domains' in query ? query.domains : [];
  const ids =
    'customerIds' in query
      ? sql`${customers.id} = any(${sql.param(query.customerIds)}::uuid[])`
      : // array(…) makes it one InitPlan and an index probe per id, not a hashed sub-plan over every customer.
        sql`${customers.id} = any(array(
          select c.customer_id from ${contacts} c where c.org_id = ${orgId} and c.email = any(${sql.param(emails)}::text[])
          union
          select d.customer_id from ${customerDomains} d where d.org_id = ${orgId} and d.domain = any(${sql.param(domains)}::text[])))`;
  const rows = await db
    .select({
      customer: customers,
      ownerName: users.name,
      ownerEmail: users.email,
      lastActivityAt: sql<
        string | null
      >`(select max(a.occurred_at) from ${activities} a where a.org_id = ${orgId} and a.customer_id = ${customers.id})`,
      openTaskCount: sql<number>`(select count(*)::int from ${tasks} t where t.org_id = ${orgId} and t.customer_id = ${customers.id} and t.status = 'open')`,
      domains: customerDomainList,
      contactHits: sql<ContactHitRow[] | string | null>`(select json_agg(json_build_object(
          'id', c.id, 'email', c.email, 'name', c.name, 'title', c.title, 'role', c.role))
        from ${contacts} c where c.org_id = ${orgId} and c.customer_id = ${customers.id} and c.email = any(${sql.param(emails)}::text[]))`,
      domainHits: sql<
        string[] | null
      >`(select array_agg(d.domain) from ${customerDomains} d where d.org_id = ${orgId} and d.customer_id = ${customers.id} and d.domain = any(${sql.param(domains)}::text[]))`,
      // The last 10 activities ride along for the customer the sidebar opens.
      recent: sql<
        RecentActivityRow[] | string
      >`(select coalesce(json_agg(r order by r.occurred_at desc, r.id desc), '[]'::json) from (
        select a.id, a.kind, a.occurred_at, a.subject, a.summary, a.contact_id, a.ticket_status, a.ticket_priority, a.nps_score, a.source
        from ${activities} a where a.org_id = ${orgId} and a.customer_id = ${customers.id}
        order by a.occurred_at desc, a.id desc limit 10) r)`,
    })
    .from(customers)
    .leftJoin(users, customerOwnerJoin)
    .where(and(eq(customers.orgId, orgId), ids));
  return rows.map((r) => ({
    customer: r.customer,
    domains: r.domains,
    owner: toOwnerOutput(r.customer.ownerId, r),
    lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt) : null,
    openTaskCount: Number(r.openTaskCount),
    contactHits: fromJson(r.contactHits ?? []).map((c) => ({ ...c, customerId: r.customer.id })),
    domainHits: r.domainHits ?? [],
    recentActivities: fromJson(r.recent).map(toRecentActivity),
  }));
}

export type Candidate = Awaited<ReturnType<typeof loadCandidates>>[number];

type ContactHitRow = Omit<ContactHit, 'customerId'>;

/** JSON columns arrive parsed from a server, as text from some drivers' paths: accept both. */
function fromJson<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
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
