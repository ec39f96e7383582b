import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { ActivityOutput, OpenTaskOutput } from '../../shared/api/customers.ts';
import type { Db } from '../db/client.ts';
import { activities, contacts, customerDomains, customers, tasks, users } from '../db/schema.ts';
import type { ContactHit } from './match.ts';
import { toOwnerOutput } from './output.ts';
import { customerDomainList, customerOwnerJoin } from './queries.ts';

/**
 * Which customers to load: every customer a thread's addresses or domains point at, and the given
 * ids (chosen by the caller, or found by a meeting's topic and participants' names).
 */
export interface CandidateQuery {
  customerIds: string[];
  emails: string[];
  domains: string[];
  /**
   * The customers whose account the sidebar may open, when the caller knows them before loading (a
   * meeting ranked on its topic and names alone): the others' timelines and tasks are not read.
   */
  openingIds?: string[];
}

/**
 * The candidates of a context lookup with everything the sidebar shows, in one statement: each round
 * trip to the database costs more than any of these lookups. Correlated sub-queries put the org first,
 * so each is one short walk of its (org_id, customer_id, …) index.
 */
export async function loadCandidates(db: Db, orgId: string, query: CandidateQuery) {
  const { customerIds, emails, domains } = query;
  const byAddress = sql`select c.customer_id from ${contacts} c where c.org_id = ${orgId} and c.email = any(${sql.param(emails)}::text[])
          union
          select d.customer_id from ${customerDomains} d where d.org_id = ${orgId} and d.domain = any(${sql.param(domains)}::text[])`;
  const lookups = [
    ...(emails.length > 0 || domains.length > 0 ? [byAddress] : []),
    ...(customerIds.length > 0 ? [sql`select unnest(${sql.param(customerIds)}::uuid[])`] : []),
  ];
  if (lookups.length === 0) return [];
  const ids =
    lookups.length === 1 && customerIds.length > 0
      ? sql`${customers.id} = any(${sql.param(customerIds)}::uuid[])`
      : // array(…) makes it one InitPlan and an index probe per id, not a hashed sub-plan over every customer.
        sql`${customers.id} = any(array(${sql.join(lookups, sql` union `)}))`;
  // Only the opened account's timeline and tasks are shown; the other candidates need a name.
  const forOpened = <T>(column: SQL<T>): SQL<T | null> =>
    query.openingIds
      ? sql<T | null>`case when ${customers.id} = any(${sql.param(query.openingIds)}::uuid[]) then ${column} end`
      : column;
  const rows = await db
    .select({
      customer: customers,
      ownerName: users.name,
      ownerEmail: users.email,
      lastActivityAt: sql<
        string | null
      >`(select max(a.occurred_at) from ${activities} a where a.org_id = ${orgId} and a.customer_id = ${customers.id})`,
      openTaskCount: forOpened(
        sql<number>`(select count(*)::int from ${tasks} t where t.org_id = ${orgId} and t.customer_id = ${customers.id} and t.status = 'open')`,
      ),
      // The first 10 open tasks, soonest due first: the same index walk as the count; their assignees are
      // joined after the limit, so at most 10 probes of the users' key whatever the team's size.
      openTasks: forOpened(sql<
        OpenTaskRow[] | string
      >`(select coalesce(json_agg(json_build_object('id', o.id, 'title', o.title, 'due_date', o.due_date,
          'assignee_id', o.assignee_id, 'assignee_name', u.name, 'assignee_email', u.email)
          order by o.due_date asc nulls last, o.created_at, o.id), '[]'::json)
        from (select t.id, t.title, t.due_date, t.created_at, t.assignee_id
          from ${tasks} t where t.org_id = ${orgId} and t.customer_id = ${customers.id} and t.status = 'open'
          order by t.due_date asc nulls last, t.created_at, t.id limit 10) o
        left join ${users} u on u.org_id = ${orgId} and u.id = o.assignee_id)`),
      domains: customerDomainList,
      // A meeting without addresses matches none: its candidates skip these probes.
      contactHits:
        emails.length > 0
          ? sql<ContactHitRow[] | string | null>`(select json_agg(json_build_object(
          'id', c.id, 'email', c.email, 'name', c.name, 'title', c.title, 'role', c.role))
        from ${contacts} c where c.org_id = ${orgId} and c.customer_id = ${customers.id} and c.email = any(${sql.param(emails)}::text[]))`
          : sql<null>`null`,
      domainHits:
        domains.length > 0
          ? sql<
              string[] | null
            >`(select array_agg(d.domain) from ${customerDomains} d where d.org_id = ${orgId} and d.customer_id = ${customers.id} and d.domain = any(${sql.param(domains)}::text[]))`
          : sql<null>`null`,
      // The last 10 activities ride along for the customer the sidebar opens.
      recent: forOpened(sql<
        RecentActivityRow[] | string
      >`(select coalesce(json_agg(r order by r.occurred_at desc, r.id desc), '[]'::json) from (
        select a.id, a.kind, a.occurred_at, a.subject, a.summary, a.contact_id, a.ticket_status, a.ticket_priority, a.nps_score, a.source
        from ${activities} a where a.org_id = ${orgId} and a.customer_id = ${customers.id}
        order by a.occurred_at desc, a.id desc limit 10) r)`),
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
    openTasks: fromJson(r.openTasks ?? []).map(toOpenTask),
    contactHits: fromJson(r.contactHits ?? []).map((c) => ({ ...c, customerId: r.customer.id })),
    domainHits: r.domainHits ?? [],
    recentActivities: fromJson(r.recent ?? []).map(toRecentActivity),
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

/** A row of the `openTasks` JSON column. */
interface OpenTaskRow {
  id: string;
  title: string;
  due_date: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
}

function toOpenTask(row: OpenTaskRow): OpenTaskOutput {
  return {
    id: row.id,
    title: row.title,
    dueDate: row.due_date,
    assignee: toOwnerOutput(row.assignee_id, {
      ownerName: row.assignee_name,
      ownerEmail: row.assignee_email,
    }),
  };
}
