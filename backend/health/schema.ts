import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  alertCauses,
  type BandThresholds,
  customerOutcomes,
  type DriverFacts,
  type HealthWeights,
  healthBands,
  modelSources,
} from '../../shared/api/health.ts';
import { createdAt, ofCustomer, orgId, orgIsolation, orgKey, orgs, tstz, users } from '../db/schema.ts';
import type { StoredDriver } from './model/components.ts';

export const healthBand = pgEnum('health_band', healthBands);
export const healthModelSource = pgEnum('health_model_source', modelSources);
export const healthAlertCause = pgEnum('health_alert_cause', alertCauses);
export const customerOutcome = pgEnum('customer_outcome', customerOutcomes);

/** Every version of an org's model: a change is a new row, and each score names the version it used. */
export const healthModels = pgTable(
  'health_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    version: integer('version').notNull(),
    weights: jsonb('weights').$type<HealthWeights>().notNull(),
    thresholds: jsonb('thresholds').$type<BandThresholds>().notNull(),
    dropAlertPoints: smallint('drop_alert_points').notNull(),
    source: healthModelSource('source').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('health_models_version_key').on(t.orgId, t.version),
    orgKey('health_models', t),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('health_models'),
  ],
);

/**
 * No key to `orgs` of its own: the key to the customer, `(org_id, customer_id)`, already holds the
 * org, and a second key's check on every row written cost a recompute ≈ 14 ms a batch of 1,000.
 */
const scoreColumns = {
  orgId: orgId(),
  customerId: uuid('customer_id').notNull(),
  /** The day the score describes (UTC). */
  day: date('day', { mode: 'string' }).notNull(),
  score: doublePrecision('score').notNull(),
  band: healthBand('band').notNull(),
  confidence: doublePrecision('confidence').notNull(),
  modelVersion: integer('model_version').notNull(),
  computedAt: tstz('computed_at').notNull(),
};

/**
 * One row per customer per day: a recompute on the same day replaces that day's row. Kept lean (a
 * row a customer a day): each component's score in `healthComponents` order, null where it had no
 * data; the facts live on the current score and on alerts.
 */
export const healthScoreHistory = pgTable(
  'health_score_history',
  { ...scoreColumns, components: doublePrecision('components').array().notNull() },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId, t.day] }),
    ofCustomer(t),
    orgIsolation('health_score_history'),
  ],
);

/**
 * The latest score of each customer: what the book, the inbox badges and the panel read. Every
 * recompute rewrites each row, so pages are kept half full (fillfactor 50, set in migration 0023:
 * drizzle has no table storage options): a new row version fits beside the old one, which the
 * page prunes, and the table keeps its size without a VACUUM the embedded database never runs.
 */
export const healthScores = pgTable(
  'health_scores',
  {
    ...scoreColumns,
    /** Each present component's score, weight, contribution and facts: numbers, never sentences. */
    drivers: jsonb('drivers').$type<StoredDriver[]>().notNull(),
    /** Score now minus the score 7, 30, 90 days before (the nearest earlier day kept), when there is one. */
    delta7d: doublePrecision('delta_7d'),
    delta30d: doublePrecision('delta_30d'),
    delta90d: doublePrecision('delta_90d'),
    /** The alert causes whose condition held at this score: an alert is raised when one starts to hold. */
    alertConditions: text('alert_conditions').array().notNull().default(sql`'{}'::text[]`),
    /**
     * The scores of `day` and the days before it, newest first (`RecentScores`), in hundredths of a
     * point (a score has two decimals, so this is exact): what the next recompute's deltas and drop
     * alert compare with, so it need not read the history. As `smallint` (migration 0031): 91
     * float8s went in and out of every write as text, and parsing them was most of the write's time.
     * Null on a row written before they were kept: that row's first recompute reads them from the history.
     */
    recentScores: smallint('recent_scores').array(),
    /** The latest score before `recentScores` reach, and its day. */
    earlierDay: date('earlier_day', { mode: 'string' }),
    earlierScore: doublePrecision('earlier_score'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId] }),
    index('health_scores_org_score_idx').on(t.orgId, t.score, t.customerId),
    ofCustomer(t),
    orgIsolation('health_scores'),
  ],
);

/** What an alert's sentence is written from (the fall, the renewal date, the departed champion). */
export type AlertFacts = DriverFacts;

/** Raised in the recompute that saw its condition start; one open alert per customer and cause. */
export const healthAlerts = pgTable(
  'health_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id').notNull(),
    cause: healthAlertCause('cause').notNull(),
    score: doublePrecision('score').notNull(),
    previousScore: doublePrecision('previous_score'),
    band: healthBand('band').notNull(),
    drivers: jsonb('drivers').$type<StoredDriver[]>().notNull(),
    facts: jsonb('facts').$type<AlertFacts>().notNull().default({}),
    modelVersion: integer('model_version').notNull(),
    createdAt: createdAt(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: tstz('acknowledged_at'),
  },
  (t) => [
    uniqueIndex('health_alerts_open_key')
      .on(t.orgId, t.customerId, t.cause)
      .where(sql`acknowledged_at is null`),
    index('health_alerts_org_time_idx').on(t.orgId, t.createdAt),
    orgKey('health_alerts', t),
    ofCustomer(t),
    foreignKey({ columns: [t.orgId, t.acknowledgedBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('health_alerts'),
  ],
);

/** What happened to a customer at a date: what calibration fits the weights to. */
export const customerOutcomesTable = pgTable(
  'customer_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id').notNull(),
    outcome: customerOutcome('outcome').notNull(),
    at: date('at', { mode: 'string' }).notNull(),
    /** `api`, `csv`, `demo`… */
    source: text('source').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customer_outcomes_key').on(t.orgId, t.customerId, t.at),
    orgKey('customer_outcomes', t),
    ofCustomer(t),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('customer_outcomes'),
  ],
);

/** AUC and Brier of one model on the held-out customers. */
export interface CalibrationMetrics {
  rocAuc: number | null;
  brier: number | null;
  [metric: string]: number | null;
}

/** One calibration run: the held-out metrics before and after, the fitted weights, what was adopted. */
export const healthCalibrations = pgTable(
  'health_calibrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    /** The model version the "before" figures are of. */
    baseVersion: integer('base_version').notNull(),
    before: jsonb('before').$type<CalibrationMetrics>().notNull(),
    after: jsonb('after').$type<CalibrationMetrics>().notNull(),
    fittedWeights: jsonb('fitted_weights').$type<HealthWeights>().notNull(),
    trainCount: integer('train_count').notNull(),
    testCount: integer('test_count').notNull(),
    /** The model version made from the fitted weights, once an admin adopted them. */
    adoptedVersion: integer('adopted_version'),
    adoptedAt: tstz('adopted_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('health_calibrations_org_time_idx').on(t.orgId, t.createdAt),
    orgKey('health_calibrations', t),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('health_calibrations'),
  ],
);

export type HealthModelRow = typeof healthModels.$inferSelect;
export type HealthScoreRow = typeof healthScores.$inferSelect;
export type HealthAlertRow = typeof healthAlerts.$inferSelect;
