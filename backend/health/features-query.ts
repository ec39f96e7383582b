import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { arrayParam } from '../imports/sql-arrays.ts';
import { measuredSeriesKinds } from '../signals/schema.ts';

/**
 * One customer's raw figures, as the features statement returns them: every count an int, every
 * mean a float8, days as ints, times as ISO text. The statement hands the batch over as one JSON
 * array, parsed at once: 55 columns a row, each decoded on its own, cost the client more than the
 * database spent working them out (≈ 30 of 80 ms for 1,000 customers).
 */
export type FeatureRow = {
  customer_id: string;
  au30: number | null;
  au_prev: number | null;
  au_period: 'day' | 'week' | null;
  lg30: number | null;
  lg_prev: number | null;
  ad30: number | null;
  ad_prev: number | null;
  seats: number | null;
  nps_sig_latest: number | null;
  nps_sig_latest_at: string | null;
  nps_sig_sum: number | null;
  nps_sig_n: number | null;
  csat_mean: number | null;
  csat_n: number | null;
  call_risk: number | null;
  call_expansion: number | null;
  call_competitor: number | null;
  call_n: number | null;
  competitor_name: string | null;
  billing_status: string | null;
  billing_days: number | null;
  billing_autopay: boolean | null;
  champion_left: DepartureRow | null;
  champion_joined_at: string | null;
  sponsor_left: DepartureRow | null;
  sponsor_joined_at: string | null;
  open_urgent: number | null;
  open_high: number | null;
  open_other: number | null;
  oldest_open_days: number | null;
  oldest_urgent_days: number | null;
  opened30: number | null;
  opened365: number | null;
  worst_ticket: string | null;
  nps_act_latest: number | null;
  nps_act_latest_at: string | null;
  nps_act_sum: number | null;
  nps_act_n: number | null;
  sent90: number | null;
  sent_n: number | null;
  sent30: number | null;
  sent_prev: number | null;
  worst_thread: string | null;
  last_meeting_days: number | null;
  last_email_days: number | null;
  meetings90: number | null;
  emails90: number | null;
  champions: number | null;
  sponsors: number | null;
  days_to_renewal: number | null;
  renewal_date: string | null;
  relationship_days: number | null;
  term_days: number | null;
};

/** A `stakeholder.left` signal as the statement builds it (jsonb: the time as ISO text). */
export type DepartureRow = { id: string; name: string | null; at: string };

/** The windows' edges, in days before the moment scored. */
const windowDays = [30, 60, 90, 180, 365] as const;
type WindowDays = (typeof windowDays)[number];

/**
 * The moment scored and each window's edge (whole days of 24 hours before it), bound once in a
 * one-row `bounds` CTE and read through scalar sub-queries (evaluated once, then constants to every
 * row): Postgres does not fold `timestamptz - interval` (it depends on the session's time zone), so
 * written in a filter it is worked out again for every row, and bound at each use the statement
 * would pass the 64 parameters beyond which it is not kept prepared (planned afresh each batch).
 */
function boundsOf(asOf: Date): SQL {
  const edges = windowDays.map(
    (days) =>
      sql`${new Date(asOf.getTime() - days * 86_400_000).toISOString()}::timestamptz as ${sql.raw(`d${days}`)}`,
  );
  return sql`select ${asOf.toISOString()}::timestamptz as at, ${sql.join(edges, sql`, `)}`;
}

const at = sql.raw('(select at from bounds)');
const before = (days: WindowDays) => sql.raw(`(select d${days} from bounds)`);

/**
 * Every customer of the org from `fromId` (inclusive) up to `beforeId` (exclusive; null: to the
 * last): a batch of the org's recompute, a contiguous slice of its ids in order, so each source
 * table is read by one index range scan. (A list of ids, `= any(…)`, is planned per element and
 * grows worse than linearly.)
 */
export interface CustomerRange {
  fromId: string;
  beforeId: string | null;
}

/** `column` within the range, for a table whose rows are keyed by customer. */
export function inRange(range: CustomerRange, column: SQL): SQL {
  const upTo = range.beforeId === null ? sql`` : sql` and ${column} < ${range.beforeId}::uuid`;
  return sql`${column} >= ${range.fromId}::uuid${upTo}`;
}

/** Which customers a read covers: some ids (a signal's customer, calibration's), or a range. */
export type CustomerScope = readonly string[] | CustomerRange;

function inScope(scope: CustomerScope, column: SQL): SQL {
  if ('fromId' in scope) return inRange(scope, column);
  return sql`${column} = any(${arrayParam(scope, 'uuid')})`;
}

/** The measured series: most of the signals, read only for their 60-day means. */
const seriesKinds = measuredSeriesKinds;

/**
 * One row per customer and signal kind, from two range scans: the measured series over 60 days with
 * only the three figures the model reads of them (index (org, customer, kind, time)), and the other
 * kinds over 180 days with the rest (their own partial index) — so each row of the bulk of the table passes through
 * three aggregates rather than a dozen. Latest values are arrays in time order (the input is in that
 * order already, so nothing is sorted). The pivot below picks each kind's figures.
 */
function signalsByKind(orgId: string, scope: CustomerScope): SQL {
  const role = (name: string) => sql`detail ->> 'role' = ${name}`;
  const departure = sql`jsonb_build_object('id', id, 'name', detail ->> 'name', 'at', observed_at)`;
  const ofScope = sql`s.org_id = ${orgId} and ${inScope(scope, sql`s.customer_id`)}`;
  return sql`
    select s.customer_id, s.kind,
      avg(value) filter (where observed_at > ${before(30)}) as mean30,
      avg(value) filter (where observed_at <= ${before(30)}) as mean_prev,
      max(period)::text as period60,
      null::float8 as sum90, null::int as n90, null::timestamptz as latest90_at, null::float8[] as values_by_time,
      null::jsonb[] as details_by_time, null::jsonb[] as champion_left, null::jsonb[] as sponsor_left,
      null::timestamptz as champion_joined_at, null::timestamptz as sponsor_joined_at
    from health_signals s
    where ${ofScope} and s.kind in ${seriesKinds} and s.observed_at > ${before(60)} and s.observed_at <= ${at}
    group by s.customer_id, s.kind
    union all
    select s.customer_id, s.kind, null, null, null,
      sum(value) filter (where observed_at > ${before(90)}),
      count(*) filter (where observed_at > ${before(90)})::int,
      max(observed_at) filter (where observed_at > ${before(90)}),
      array_agg(value order by observed_at) filter (where kind in ('usage.seats', 'billing.status')
        or (kind = 'survey.nps' and observed_at > ${before(90)})),
      array_agg(detail order by observed_at) filter (where kind = 'billing.status'
        or (kind = 'call.competitor' and observed_at > ${before(90)})),
      array_agg(${departure} order by observed_at) filter (where kind = 'stakeholder.left' and ${role('champion')}),
      array_agg(${departure} order by observed_at) filter (where kind = 'stakeholder.left' and ${role('executive_sponsor')}),
      max(observed_at) filter (where kind = 'stakeholder.joined' and ${role('champion')}),
      max(observed_at) filter (where kind = 'stakeholder.joined' and ${role('executive_sponsor')})
    from health_signals s
    where ${ofScope} and s.kind not in ${seriesKinds} and s.observed_at > ${before(180)} and s.observed_at <= ${at}
    group by s.customer_id, s.kind`;
}

/** A kind's row of `signalsByKind` as one column of the customer's row. */
const ofKind = (kind: string, figure: SQL) => sql`max(${figure}) filter (where kind = ${kind})`;
const latest = (array: string) => sql.raw(`${array}[cardinality(${array})]`);

const signalPivot = sql`
  select customer_id,
    ${ofKind('usage.active_users', sql`mean30`)} as au30,
    ${ofKind('usage.active_users', sql`mean_prev`)} as au_prev,
    ${ofKind('usage.active_users', sql`period60`)} as au_period,
    ${ofKind('usage.logins', sql`mean30`)} as lg30,
    ${ofKind('usage.logins', sql`mean_prev`)} as lg_prev,
    ${ofKind('usage.feature_adoption', sql`mean30`)} as ad30,
    ${ofKind('usage.feature_adoption', sql`mean_prev`)} as ad_prev,
    ${ofKind('usage.seats', latest('values_by_time'))} as seats,
    ${ofKind('survey.nps', latest('values_by_time'))} as nps_sig_latest,
    ${ofKind('survey.nps', sql`latest90_at`)} as nps_sig_latest_at,
    ${ofKind('survey.nps', sql`sum90`)} as nps_sig_sum,
    ${ofKind('survey.nps', sql`n90`)} as nps_sig_n,
    ${ofKind('survey.csat', sql`sum90 / nullif(n90, 0)`)} as csat_mean,
    ${ofKind('survey.csat', sql`n90`)} as csat_n,
    ${ofKind('call.risk', sql`sum90`)} as call_risk,
    ${ofKind('call.expansion', sql`sum90`)} as call_expansion,
    ${ofKind('call.competitor', sql`sum90`)} as call_competitor,
    coalesce(sum(n90) filter (where kind in ('call.risk', 'call.expansion', 'call.competitor')), 0)::int as call_n,
    ${ofKind('call.competitor', sql`${latest('details_by_time')} ->> 'competitor'`)} as competitor_name,
    ${ofKind('billing.status', sql`${latest('details_by_time')} ->> 'status'`)} as billing_status,
    ${ofKind('billing.status', latest('values_by_time'))}::int as billing_days,
    bool_or((${latest('details_by_time')} ->> 'autopay')::boolean) filter (where kind = 'billing.status') as billing_autopay,
    (array_agg(${latest('champion_left')}) filter (where kind = 'stakeholder.left' and champion_left is not null))[1] as champion_left,
    ${ofKind('stakeholder.joined', sql`champion_joined_at`)} as champion_joined_at,
    (array_agg(${latest('sponsor_left')}) filter (where kind = 'stakeholder.left' and sponsor_left is not null))[1] as sponsor_left,
    ${ofKind('stakeholder.joined', sql`sponsor_joined_at`)} as sponsor_joined_at
  from by_kind group by customer_id`;

/**
 * Everything the model reads for some customers as of a moment, in one statement: one grouped
 * pass over each source table (signals, the timeline, contacts, contracts), joined on the customer.
 * The windows are the ones `HealthFeatures` documents. The renewal date is the end of the contract in
 * force that day, else the customer's own renewal date (which says only what it is now).
 */
export async function readFeatureRows(
  tx: Db,
  orgId: string,
  customers: CustomerScope,
  asOf: Date,
): Promise<FeatureRow[]> {
  const scope = (column: string) => inScope(customers, sql.raw(column));
  const open = sql`a.kind = 'ticket' and a.ticket_status in ('open', 'pending')`;
  const sentiment = sql`(a.analysis -> 'analysis' -> 'sentiment' ->> 'score')::float8`;
  const analysed = sql`a.kind = 'email' and a.analysis is not null`;
  const day = sql`(${at} at time zone 'UTC')::date`;
  // The contract in force on the day scored, by its dates: as of a past day (calibration reads the
  // features 30 days before an outcome) a contract since renewed or cancelled was in force then,
  // and its status now would tell the outcome. An active one past its end is a renewal overdue.
  const inForce = sql`start_date <= ${day} and (end_date >= ${day} or status = 'active')`;
  const age = (column: ReturnType<typeof sql>) =>
    sql`floor(extract(epoch from (${at} - ${column})) / 86400)::int`;
  const [batch] = await tx.execute<{ rows: string | null }>(sql`
    with bounds as (${boundsOf(asOf)}),
    by_kind as (${signalsByKind(orgId, customers)}),
    sig as (${signalPivot}),
    act as (
      select a.customer_id,
        count(*) filter (where ${open} and a.ticket_priority = 'urgent')::int as open_urgent,
        count(*) filter (where ${open} and a.ticket_priority = 'high')::int as open_high,
        count(*) filter (where ${open} and a.ticket_priority is distinct from 'urgent'
          and a.ticket_priority is distinct from 'high')::int as open_other,
        ${age(sql`min(a.occurred_at) filter (where ${open})`)} as oldest_open_days,
        ${age(sql`min(a.occurred_at) filter (where ${open} and a.ticket_priority = 'urgent')`)} as oldest_urgent_days,
        count(*) filter (where a.kind = 'ticket' and a.occurred_at > ${before(30)})::int as opened30,
        count(*) filter (where a.kind = 'ticket' and a.occurred_at > ${before(365)})::int as opened365,
        (array_agg(a.id order by a.ticket_priority desc nulls last, a.occurred_at) filter (where ${open}))[1] as worst_ticket,
        (array_agg(a.nps_score order by a.occurred_at desc) filter (where a.kind = 'nps' and a.nps_score is not null
          and a.occurred_at > ${before(90)}))[1]::float8 as nps_act_latest,
        max(a.occurred_at) filter (where a.kind = 'nps' and a.nps_score is not null and a.occurred_at > ${before(90)}) as nps_act_latest_at,
        sum(a.nps_score) filter (where a.kind = 'nps' and a.occurred_at > ${before(90)})::float8 as nps_act_sum,
        count(a.nps_score) filter (where a.kind = 'nps' and a.occurred_at > ${before(90)})::int as nps_act_n,
        avg(${sentiment}) filter (where ${analysed} and a.occurred_at > ${before(90)}) as sent90,
        count(*) filter (where ${analysed} and a.occurred_at > ${before(90)})::int as sent_n,
        avg(${sentiment}) filter (where ${analysed} and a.occurred_at > ${before(30)}) as sent30,
        avg(${sentiment}) filter (where ${analysed} and a.occurred_at <= ${before(30)}
          and a.occurred_at > ${before(60)}) as sent_prev,
        (array_agg(a.id order by ${sentiment}) filter (where ${analysed} and a.occurred_at > ${before(90)}))[1] as worst_thread,
        ${age(sql`max(a.occurred_at) filter (where a.kind in ('meeting', 'call'))`)} as last_meeting_days,
        ${age(sql`max(a.occurred_at) filter (where a.kind = 'email')`)} as last_email_days,
        count(*) filter (where a.kind in ('meeting', 'call') and a.occurred_at > ${before(90)})::int as meetings90,
        count(*) filter (where a.kind = 'email' and a.occurred_at > ${before(90)})::int as emails90
      from activities a
      where a.org_id = ${orgId} and ${scope('a.customer_id')} and a.occurred_at <= ${at}
        and a.kind in ('ticket', 'nps', 'email', 'meeting', 'call')
      group by a.customer_id
    ),
    people as (
      select customer_id,
        count(*) filter (where role = 'champion')::int as champions,
        count(*) filter (where role = 'executive_sponsor')::int as sponsors
      from contacts
      where org_id = ${orgId} and ${scope('customer_id')} and role in ('champion', 'executive_sponsor')
      group by customer_id
    ),
    deal as (
      select customer_id,
        min(end_date) filter (where ${inForce}) as contract_end,
        (array_agg(end_date - start_date order by end_date) filter (where ${inForce}))[1] as term_days,
        ${day} - min(start_date) filter (where start_date <= ${day}) as relationship_days
      from contracts
      where org_id = ${orgId} and ${scope('customer_id')}
      group by customer_id
    ),
    renewal as (
      select c.id as customer_id, coalesce(d.contract_end, c.renewal_date) - ${day} as days_to_renewal,
        coalesce(d.contract_end, c.renewal_date)::text as renewal_date, d.term_days, d.relationship_days
      from customers c left join deal d on d.customer_id = c.id
      where c.org_id = ${orgId} and ${scope('c.id')}
    )
    select json_agg(f)::text as rows from (
      select * from renewal
      left join sig using (customer_id)
      left join act using (customer_id)
      left join people using (customer_id)
    ) f
  `);
  return batch?.rows ? (JSON.parse(batch.rows) as FeatureRow[]) : [];
}
