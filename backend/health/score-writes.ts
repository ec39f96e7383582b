import { type SQL, sql } from 'drizzle-orm';
import type { AlertCause, HealthBand } from '../../shared/api/health.ts';
import type { Db } from '../db/client.ts';
import { arrayParam } from '../imports/sql-arrays.ts';
import { type CustomerScope, inRange } from './features-query.ts';
import type { StoredDriver } from './model/components.ts';
import { peakOfWeekBefore, type RecentScores, recentDays, scoreDaysBefore } from './recent-scores.ts';
import type { AlertFacts } from './schema.ts';

/** What a recompute needs to know of the scores before it: deltas and alerts are made from these. */
export type PriorScore = {
  customer_id: string;
  /** The current row's version as read (its `xmin`): the write moves on only the row it read. */
  version: string;
  current_score: number | null;
  alert_conditions: AlertCause[] | null;
  /** The highest score kept in the 7 days before `day`. */
  peak7: number | null;
  score7: number | null;
  score30: number | null;
  score90: number | null;
  /** The window of recent scores as the current row keeps it (what this batch's write moves on). */
  recent: RecentScores;
};

type PriorRow = {
  customer_id: string;
  version: string;
  current_score: number;
  alert_conditions: AlertCause[] | null;
  day: string;
  /** In hundredths of a point, as kept. */
  recent_scores: (number | null)[];
  earlier_day: string | null;
  earlier_score: number | null;
  backfill: {
    peak7: number | null;
    score7: number | null;
    score30: number | null;
    score90: number | null;
  } | null;
};

const historyScoreBefore = (orgId: string, day: SQL, back: number) => sql`(
  select h.score from health_score_history h
  where h.org_id = ${orgId} and h.customer_id = cur.customer_id and h.day <= ${day} - ${sql.raw(String(back))}
  order by h.day desc limit 1)`;

/**
 * The history's answers, for the rows that do not keep their recent scores yet (written before
 * they were kept) and for a backfill (a day before the current one, which the window does not
 * describe): the same questions put to `health_score_history`.
 */
function fromHistory(orgId: string, day: SQL) {
  const span = sql.raw(String(recentDays - 1));
  const recent = sql`(select array_agg(round(h.score * 100)::smallint order by g.i) from generate_series(0, ${span}) g(i)
    left join health_score_history h on h.org_id = ${orgId} and h.customer_id = cur.customer_id and h.day = cur.day - g.i)`;
  const earlier = sql`(select jsonb_build_object('day', h.day, 'score', h.score) from health_score_history h
    where h.org_id = ${orgId} and h.customer_id = cur.customer_id and h.day < cur.day - ${span}
    order by h.day desc limit 1)`;
  const backfill = sql`jsonb_build_object(
    'peak7', greatest(
      (select max(h.score) from health_score_history h where h.org_id = ${orgId} and h.customer_id = cur.customer_id
        and h.day >= ${day} - 7 and h.day < ${day}),
      cur.score),
    'score7', ${historyScoreBefore(orgId, day, 7)},
    'score30', ${historyScoreBefore(orgId, day, 30)},
    'score90', ${historyScoreBefore(orgId, day, 90)})`;
  return { recent, earlier, backfill };
}

/**
 * The current score of each customer with its recent scores, from which the deltas' reference
 * scores and the week's peak are read in code: one row per customer, no reading of the history
 * (but for the two cases `fromHistory` covers). Customers without a current score have no history
 * either: nothing is returned for them.
 */
export async function readPriorScores(
  tx: Db,
  orgId: string,
  customers: CustomerScope,
  day: string,
): Promise<PriorScore[]> {
  const scope =
    'fromId' in customers
      ? inRange(customers, sql`cur.customer_id`)
      : sql`cur.customer_id = any(${arrayParam(customers, 'uuid')})`;
  const scored = sql`${day}::date`;
  const history = fromHistory(orgId, scored);
  // One JSON array for the batch, parsed at once: cheaper for the client than decoding each row's
  // array of recent scores element by element.
  const [batch] = await tx.execute<{ rows: string | null }>(sql`
    select json_agg(p)::text as rows from (
    select cur.customer_id, cur.xmin::text as version, cur.score as current_score, cur.alert_conditions, cur.day::text as day,
      coalesce(cur.recent_scores, ${history.recent}) as recent_scores,
      case when cur.recent_scores is null then ${history.earlier} ->> 'day' else cur.earlier_day::text end as earlier_day,
      case when cur.recent_scores is null then (${history.earlier} ->> 'score')::float8 else cur.earlier_score end
        as earlier_score,
      case when cur.day > ${scored} then ${history.backfill} end as backfill
    from health_scores cur
    where cur.org_id = ${orgId} and ${scope}) p`);
  const rows: PriorRow[] = batch?.rows ? JSON.parse(batch.rows) : [];
  return rows.map(priorOf(day));
}

const priorOf =
  (day: string) =>
  (row: PriorRow): PriorScore => {
    const recent: RecentScores = {
      day: row.day,
      scores: row.recent_scores.map((hundredths) => (hundredths === null ? null : hundredths / 100)),
      earlier:
        row.earlier_day !== null && row.earlier_score !== null
          ? { day: row.earlier_day, score: row.earlier_score }
          : null,
    };
    const reference = row.backfill ?? {
      peak7: peakOfWeekBefore(recent, day),
      score7: scoreDaysBefore(recent, day, 7),
      score30: scoreDaysBefore(recent, day, 30),
      score90: scoreDaysBefore(recent, day, 90),
    };
    return {
      customer_id: row.customer_id,
      version: row.version,
      current_score: row.current_score,
      alert_conditions: row.alert_conditions,
      ...reference,
      recent,
    };
  };

export interface ScoreToWrite {
  customerId: string;
  /** The version of the customer's current row the score was worked out from; null: it had none. */
  readVersion: string | null;
  score: number;
  band: HealthBand;
  confidence: number;
  drivers: StoredDriver[];
  /** In `healthComponents` order, null where the component had no data. */
  components: (number | null)[];
  delta7d: number | null;
  delta30d: number | null;
  delta90d: number | null;
  alertConditions: AlertCause[];
  /** The recent scores with this one in them; their `day` is the current row's once written. */
  recent: RecentScores;
}

export interface AlertToRaise {
  customerId: string;
  cause: AlertCause;
  score: number;
  previousScore: number | null;
  band: HealthBand;
  drivers: StoredDriver[];
  facts: AlertFacts;
}

export interface ScoreBatch {
  orgId: string;
  day: string;
  now: Date;
  modelVersion: number;
  scores: ScoreToWrite[];
  alerts: AlertToRaise[];
}

/**
 * A batch as the write statement takes it: its scores and alerts as JSON text, made before the
 * write's transaction opens (for 1,000 customers ≈ 1 MB, whose making should not hold the connection).
 */
export interface ScoreWrite {
  orgId: string;
  day: string;
  now: Date;
  modelVersion: number;
  count: number;
  rows: string;
  alerts: string;
}

/**
 * The recent scores as a Postgres array literal of hundredths (`{6345,NULL,…}`), cast in the
 * statement: the database parses that far faster than a JSON array turned into an array column.
 */
const hundredthsArray = (scores: readonly (number | null)[]) =>
  `{${scores.map((score) => (score === null ? 'NULL' : Math.round(score * 100))).join(',')}}`;

export function scoreWriteOf(batch: ScoreBatch): ScoreWrite {
  const { orgId, day, now, modelVersion } = batch;
  const rows = JSON.stringify(
    batch.scores.map((s) => ({
      customer_id: s.customerId,
      read_version: s.readVersion,
      score: s.score,
      band: s.band,
      confidence: s.confidence,
      drivers: s.drivers,
      components: s.components,
      delta_7d: s.delta7d,
      delta_30d: s.delta30d,
      delta_90d: s.delta90d,
      alert_conditions: s.alertConditions,
      recent_scores: hundredthsArray(s.recent.scores),
      earlier_day: s.recent.earlier?.day ?? null,
      earlier_score: s.recent.earlier?.score ?? null,
      // A backfill (a day before the current one) adds to the history and the recent scores only.
      backfill: s.recent.day !== day,
    })),
  );
  const alerts = JSON.stringify(
    batch.alerts.map((a) => ({
      customer_id: a.customerId,
      cause: a.cause,
      score: a.score,
      previous_score: a.previousScore,
      band: a.band,
      drivers: a.drivers,
      facts: a.facts,
    })),
  );
  return { orgId, day, now, modelVersion, count: batch.scores.length, rows, alerts };
}

/**
 * The batch's current scores (or, for a backfill of an earlier day, their recent scores only), each
 * only where the customer's current row is still the one it was worked out from; for those, the day
 * in the history (replacing an earlier run of the same day when it differs) and the new alerts (an
 * open one of the same customer and cause already says it: nothing is added). One statement from
 * one jsonb parameter; returns the customers passed over, whose current row was written meanwhile.
 */
export async function writeScores(tx: Db, write: ScoreWrite): Promise<string[]> {
  if (write.count === 0) return [];
  const { orgId, day, now, modelVersion, rows, alerts } = write;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [written] = await tx.execute<{ passed_over: string[] }>(sql`
    with input as (
      select * from jsonb_to_recordset(${rows}::jsonb) as x(customer_id uuid, read_version xid, score float8,
        band health_band, confidence float8, drivers jsonb, components float8[], delta_7d float8, delta_30d float8,
        delta_90d float8, alert_conditions text[], recent_scores text, earlier_day date, earlier_score float8,
        backfill boolean)
    ),
    -- Only the row each score was worked out from is moved on: a customer whose row was written
    -- since (its version differs, or it exists where none did) is passed over, for the caller to read again.
    moved as (
      update health_scores c set day = ${day}::date, score = i.score, band = i.band, confidence = i.confidence,
        model_version = ${modelVersion}, computed_at = ${at}, drivers = i.drivers, delta_7d = i.delta_7d,
        delta_30d = i.delta_30d, delta_90d = i.delta_90d, alert_conditions = i.alert_conditions,
        recent_scores = i.recent_scores::smallint[], earlier_day = i.earlier_day, earlier_score = i.earlier_score
      from input i
      where c.org_id = ${orgId} and c.customer_id = i.customer_id and c.xmin = i.read_version and not i.backfill
      returning c.customer_id
    ),
    first as (
      insert into health_scores (org_id, customer_id, day, score, band, confidence, model_version, computed_at,
        drivers, delta_7d, delta_30d, delta_90d, alert_conditions, recent_scores, earlier_day, earlier_score)
      select ${orgId}, customer_id, ${day}::date, score, band, confidence, ${modelVersion}, ${at},
        drivers, delta_7d, delta_30d, delta_90d, alert_conditions, recent_scores::smallint[], earlier_day, earlier_score
      from input where read_version is null
      on conflict (org_id, customer_id) do nothing
      returning customer_id
    ),
    backfilled as (
      update health_scores c set recent_scores = i.recent_scores::smallint[], earlier_day = i.earlier_day,
        earlier_score = i.earlier_score
      from input i
      where c.org_id = ${orgId} and c.customer_id = i.customer_id and c.xmin = i.read_version and i.backfill
      returning c.customer_id
    ),
    written as (
      select customer_id from moved union all select customer_id from first
      union all select customer_id from backfilled
    ),
    history as (
      insert into health_score_history as h (org_id, customer_id, day, score, band, confidence, model_version,
        computed_at, components)
      select ${orgId}, customer_id, ${day}::date, score, band, confidence, ${modelVersion}, ${at}, components
      from input where customer_id in (select customer_id from written)
      on conflict (org_id, customer_id, day) do update set score = excluded.score, band = excluded.band,
        confidence = excluded.confidence, model_version = excluded.model_version, computed_at = excluded.computed_at,
        components = excluded.components
      -- A rerun of the day that changes nothing writes nothing: the embedded database never vacuums,
      -- and each rewrite would leave a dead row version behind.
      where (h.score, h.band, h.confidence, h.model_version, h.components)
        is distinct from (excluded.score, excluded.band, excluded.confidence, excluded.model_version, excluded.components)
    ),
    raised as (
      insert into health_alerts (org_id, customer_id, cause, score, previous_score, band, drivers, facts, model_version)
      select ${orgId}, customer_id, cause, score, previous_score, band, drivers, facts, ${modelVersion}
      from jsonb_to_recordset(${alerts}::jsonb) as a(customer_id uuid, cause health_alert_cause, score float8,
        previous_score float8, band health_band, drivers jsonb, facts jsonb)
      where customer_id in (select customer_id from written)
      on conflict (org_id, customer_id, cause) where acknowledged_at is null do nothing
    )
    select array(select customer_id::text from input
      where customer_id not in (select customer_id from written)) as passed_over`);
  return written?.passed_over ?? [];
}
