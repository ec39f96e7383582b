import { sql } from 'drizzle-orm';
import type { AlertCause, HealthBand } from '../../shared/api/health.ts';
import type { Db } from '../db/client.ts';
import { arrayParam } from '../imports/sql-arrays.ts';
import { type CustomerScope, inRange } from './features-query.ts';
import type { StoredDriver } from './model/components.ts';
import type { AlertFacts } from './schema.ts';

/** What a recompute needs to know of the scores before it: deltas and alerts are made from these. */
export type PriorScore = {
  customer_id: string;
  current_score: number | null;
  alert_conditions: AlertCause[] | null;
  /** The highest score kept in the 7 days before `day`. */
  peak7: number | null;
  score7: number | null;
  score30: number | null;
  score90: number | null;
};

const scoreBefore = (orgId: string, day: string, back: number) => sql`(
  select h.score from health_score_history h
  where h.org_id = ${orgId} and h.customer_id = cur.customer_id and h.day <= ${day}::date - ${sql.raw(String(back))}
  order by h.day desc limit 1)`;

/** Customers without a current score have no history either: nothing is returned for them. */
export function readPriorScores(tx: Db, orgId: string, customers: CustomerScope, day: string) {
  const scope =
    'fromId' in customers
      ? inRange(customers, sql`cur.customer_id`)
      : sql`cur.customer_id = any(${arrayParam(customers, 'uuid')})`;
  return tx.execute<PriorScore>(sql`
    select cur.customer_id as customer_id, cur.score as current_score, cur.alert_conditions,
      greatest(
        (select max(h.score) from health_score_history h where h.org_id = ${orgId} and h.customer_id = cur.customer_id
          and h.day >= ${day}::date - 7 and h.day < ${day}::date),
        case when cur.day >= ${day}::date - 7 then cur.score end) as peak7,
      ${scoreBefore(orgId, day, 7)} as score7,
      ${scoreBefore(orgId, day, 30)} as score30,
      ${scoreBefore(orgId, day, 90)} as score90
    from health_scores cur
    where cur.org_id = ${orgId} and ${scope}`);
}

export interface ScoreToWrite {
  customerId: string;
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
 * The batch's day in the history (replacing an earlier run of the same day), the current scores, and
 * the new alerts (an open one of the same customer and cause already says it: nothing is added), in
 * one statement from one jsonb parameter.
 */
export async function writeScores(tx: Db, batch: ScoreBatch): Promise<number> {
  if (batch.scores.length === 0) return 0;
  const { orgId, day, now, modelVersion } = batch;
  const rows = JSON.stringify(
    batch.scores.map((s) => ({
      customer_id: s.customerId,
      score: s.score,
      band: s.band,
      confidence: s.confidence,
      drivers: s.drivers,
      components: s.components,
      delta_7d: s.delta7d,
      delta_30d: s.delta30d,
      delta_90d: s.delta90d,
      alert_conditions: s.alertConditions,
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
  const [written] = await tx.execute<{ n: number }>(sql`
    with input as (
      select * from jsonb_to_recordset(${rows}::jsonb) as x(customer_id uuid, score float8, band health_band,
        confidence float8, drivers jsonb, components float8[], delta_7d float8, delta_30d float8, delta_90d float8,
        alert_conditions text[])
    ),
    history as (
      insert into health_score_history as h (org_id, customer_id, day, score, band, confidence, model_version,
        computed_at, components)
      select ${orgId}, customer_id, ${day}::date, score, band, confidence, ${modelVersion}, ${now.toISOString()}::timestamptz,
        components
      from input
      on conflict (org_id, customer_id, day) do update set score = excluded.score, band = excluded.band,
        confidence = excluded.confidence, model_version = excluded.model_version, computed_at = excluded.computed_at,
        components = excluded.components
    ),
    current as (
      insert into health_scores as c (org_id, customer_id, day, score, band, confidence, model_version, computed_at,
        drivers, delta_7d, delta_30d, delta_90d, alert_conditions)
      select ${orgId}, customer_id, ${day}::date, score, band, confidence, ${modelVersion}, ${now.toISOString()}::timestamptz,
        drivers, delta_7d, delta_30d, delta_90d, alert_conditions
      from input
      on conflict (org_id, customer_id) do update set day = excluded.day, score = excluded.score, band = excluded.band,
        confidence = excluded.confidence, model_version = excluded.model_version, computed_at = excluded.computed_at,
        drivers = excluded.drivers, delta_7d = excluded.delta_7d, delta_30d = excluded.delta_30d,
        delta_90d = excluded.delta_90d, alert_conditions = excluded.alert_conditions
    ),
    raised as (
      insert into health_alerts (org_id, customer_id, cause, score, previous_score, band, drivers, facts, model_version)
      select ${orgId}, customer_id, cause, score, previous_score, band, drivers, facts, ${modelVersion}
      from jsonb_to_recordset(${alerts}::jsonb) as a(customer_id uuid, cause health_alert_cause, score float8,
        previous_score float8, band health_band, drivers jsonb, facts jsonb)
      on conflict (org_id, customer_id, cause) where acknowledged_at is null do nothing
    )
    select count(*)::int as n from input`);
  return written?.n ?? 0;
}
