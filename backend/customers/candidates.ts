import type { ActivityOutput, OpenTaskOutput } from '../../shared/api/customers.ts';
import type { LifecycleStage, Segment } from '../../shared/enums.ts';
import { runBuiltStatement } from '../db/built-once.ts';
import type { Db } from '../db/client.ts';
import type { ContactHit } from './match.ts';
import { type CustomerRow, toOwnerOutput } from './output.ts';

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
  const shape: Shape = {
    byAddress: emails.length > 0 || domains.length > 0,
    byId: customerIds.length > 0,
    emails: emails.length > 0,
    domains: domains.length > 0,
    opening: query.openingIds !== undefined,
  };
  if (!shape.byAddress && !shape.byId) return [];
  const statement = statementFor(shape);
  const values: Record<ParamName, unknown> = {
    org: orgId,
    emails,
    domains,
    ids: customerIds,
    opening: query.openingIds ?? [],
  };
  const rows = await runBuiltStatement<CandidateRow>(
    db,
    statement.text,
    statement.params.map((name) => values[name]),
  );
  return rows.map((r) => {
    const customer = toCustomerRow(r);
    return {
      customer,
      domains: r.domains,
      owner: toOwnerOutput(customer.ownerId, { ownerName: r.owner_name, ownerEmail: r.owner_email }),
      lastActivityAt: r.last_activity_at ? new Date(r.last_activity_at) : null,
      openTaskCount: Number(r.open_task_count),
      openTasks: fromJson(r.open_tasks ?? []).map(toOpenTask),
      contactHits: fromJson(r.contact_hits ?? []).map((c) => ({ ...c, customerId: customer.id })),
      domainHits: r.domain_hits ?? [],
      recentActivities: fromJson(r.recent ?? []).map(toRecentActivity),
    };
  });
}

/** What decides the statement's text: which lookups it makes, which hits it reports. */
interface Shape {
  byAddress: boolean;
  byId: boolean;
  emails: boolean;
  domains: boolean;
  opening: boolean;
}

/** Each value is sent once, however many sub-queries use it. */
type ParamName = 'org' | 'emails' | 'domains' | 'ids' | 'opening';
const paramTypes: Record<ParamName, string> = {
  org: 'uuid',
  emails: 'text[]',
  domains: 'text[]',
  ids: 'uuid[]',
  opening: 'uuid[]',
};

const statements = new Map<string, { text: string; params: ParamName[] }>();

/** The statement for a shape of lookup, built the first time it is asked for (there are a dozen). */
function statementFor(shape: Shape): { text: string; params: ParamName[] } {
  const key = JSON.stringify(shape);
  let statement = statements.get(key);
  if (!statement) {
    statement = buildStatement(shape);
    statements.set(key, statement);
  }
  return statement;
}

function buildStatement(shape: Shape): { text: string; params: ParamName[] } {
  const params: ParamName[] = [];
  const $ = (name: ParamName): string => {
    if (!params.includes(name)) params.push(name);
    return `$${params.indexOf(name) + 1}::${paramTypes[name]}`;
  };
  const org = $('org');
  // Only the opened account's timeline and tasks are shown; the other candidates need a name.
  const forOpened = (column: string): string =>
    shape.opening ? `case when c.id = any(${$('opening')}) then ${column} end` : column;
  const byAddress =
    () => `select k.customer_id from contacts k where k.org_id = ${org} and k.email = any(${$('emails')})
      union
      select d.customer_id from customer_domains d where d.org_id = ${org} and d.domain = any(${$('domains')})`;
  const ids =
    shape.byId && !shape.byAddress
      ? `c.id = any(${$('ids')})`
      : // array(…) makes it one InitPlan and an index probe per id, not a hashed sub-plan over every customer.
        `c.id = any(array(${[
          ...(shape.byAddress ? [byAddress()] : []),
          ...(shape.byId ? [`select unnest(${$('ids')})`] : []),
        ].join(' union ')}))`;
  const text = `
    select c.id, c.name, c.owner_id, c.segment, c.stage, c.arr_minor, c.currency, c.renewal_date, c.source,
      c.external_id, c.updated_at, u.name as owner_name, u.email as owner_email,
      (select max(a.occurred_at) from activities a where a.org_id = ${org} and a.customer_id = c.id) as last_activity_at,
      ${forOpened(`(select count(*)::int from tasks t where t.org_id = ${org} and t.customer_id = c.id and t.status = 'open')`)} as open_task_count,
      -- The first 10 open tasks, soonest due first: the same index walk as the count; their assignees are
      -- joined after the limit, so at most 10 probes of the users' key whatever the team's size.
      ${forOpened(`(select coalesce(json_agg(json_build_object('id', o.id, 'title', o.title, 'due_date', o.due_date,
          'assignee_id', o.assignee_id, 'assignee_name', au.name, 'assignee_email', au.email)
          order by o.due_date asc nulls last, o.created_at, o.id), '[]'::json)
        from (select t.id, t.title, t.due_date, t.created_at, t.assignee_id
          from tasks t where t.org_id = ${org} and t.customer_id = c.id and t.status = 'open'
          order by t.due_date asc nulls last, t.created_at, t.id limit 10) o
        left join users au on au.org_id = ${org} and au.id = o.assignee_id)`)} as open_tasks,
      coalesce((select array_agg(d.domain order by d.domain) from customer_domains d
        where d.org_id = c.org_id and d.customer_id = c.id), '{}') as domains,
      -- A meeting without addresses matches none: its candidates skip these probes.
      ${
        shape.emails
          ? `(select json_agg(json_build_object('id', k.id, 'email', k.email, 'name', k.name, 'title', k.title, 'role', k.role))
        from contacts k where k.org_id = ${org} and k.customer_id = c.id and k.email = any(${$('emails')}))`
          : 'null'
      } as contact_hits,
      ${
        shape.domains
          ? `(select array_agg(d.domain) from customer_domains d
        where d.org_id = ${org} and d.customer_id = c.id and d.domain = any(${$('domains')}))`
          : 'null'
      } as domain_hits,
      -- The last 10 activities ride along for the customer the sidebar opens.
      ${forOpened(`(select coalesce(json_agg(r order by r.occurred_at desc, r.id desc), '[]'::json) from (
        select a.id, a.kind, a.occurred_at, a.subject, a.summary, a.contact_id, a.ticket_status, a.ticket_priority, a.nps_score, a.source
        from activities a where a.org_id = ${org} and a.customer_id = c.id
        order by a.occurred_at desc, a.id desc limit 10) r)`)} as recent
    from customers c
    -- A probe of the users' key per candidate (the limit keeps the planner from hashing every user of the org).
    left join lateral (select u.name, u.email from users u where u.org_id = ${org} and u.id = c.owner_id limit 1) u on true
    where c.org_id = ${org} and ${ids}`;
  return { text, params };
}

/** A row of the statement, as postgres.js reads it (drizzle's client leaves timestamps as text). */
interface CandidateRow extends Record<string, unknown> {
  id: string;
  name: string;
  owner_id: string | null;
  segment: Segment;
  stage: LifecycleStage;
  arr_minor: string | number;
  currency: string;
  renewal_date: string | null;
  source: string;
  external_id: string | null;
  updated_at: string | Date;
  owner_name: string | null;
  owner_email: string | null;
  last_activity_at: string | null;
  open_task_count: number | null;
  open_tasks: OpenTaskRow[] | string | null;
  domains: string[];
  contact_hits: ContactHitRow[] | string | null;
  domain_hits: string[] | null;
  recent: RecentActivityRow[] | string | null;
}

/** The customer's columns the sidebar shows, decoded as drizzle decodes them (int8 and timestamptz arrive as text). */
function toCustomerRow(r: CandidateRow): CustomerRow {
  return {
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    segment: r.segment,
    stage: r.stage,
    arrMinor: Number(r.arr_minor),
    currency: r.currency,
    renewalDate: r.renewal_date,
    source: r.source,
    externalId: r.external_id,
    updatedAt: new Date(r.updated_at),
  };
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
