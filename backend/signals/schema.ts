import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type BillingStatus,
  type ContactRole,
  type SignalKind,
  signalKinds,
  signalPeriods,
} from '../../shared/enums.ts';
import {
  authLookup,
  createdAt,
  ofCustomer,
  orgId,
  orgIsolation,
  orgKey,
  orgs,
  tstz,
  users,
} from '../db/schema.ts';

export const signalKind = pgEnum('signal_kind', signalKinds);
export const signalPeriod = pgEnum('signal_period', signalPeriods);

/** What a signal says beyond its number; which keys apply depends on the kind. */
export interface SignalDetail {
  /** stakeholder.*: who, and in what role. */
  name?: string;
  email?: string;
  role?: ContactRole;
  /** billing.status, and whether it is paid automatically. */
  status?: BillingStatus;
  autopay?: boolean;
  /** call.*: the meeting activity it came from, and the competitor named. */
  activityId?: string;
  competitor?: string;
}

/**
 * The measured series (daily or weekly figures): the bulk of the signals, which a recompute reads
 * apart from the rest (features-query.ts), so the rest have an index of their own.
 */
export const measuredSeriesKinds = sql.raw(
  `('usage.active_users', 'usage.logins', 'usage.feature_adoption')`,
);

/**
 * Measurements about a customer over time, from every way in (API, CSV import, the ingest endpoint,
 * meeting analysis, the demo). Written once per event id: sending an event again changes nothing.
 */
export const healthSignals = pgTable(
  'health_signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id').notNull(),
    kind: signalKind('kind').notNull(),
    period: signalPeriod('period').notNull().default('instant'),
    /** The moment, or the start of the day or week measured. */
    observedAt: tstz('observed_at').notNull(),
    value: doublePrecision('value').notNull(),
    detail: jsonb('detail').$type<SignalDetail>().notNull().default({}),
    /** The sender's id for the event (or one derived from its content): what makes a resend a no-op. */
    eventId: text('event_id').notNull(),
    /** `api`, `csv`, `ingest`, `meeting`, `demo`. */
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('health_signals_event_key').on(t.orgId, t.eventId),
    index('health_signals_customer_kind_time_idx').on(t.orgId, t.customerId, t.kind, t.observedAt),
    // A recompute reads the other kinds over 180 days: through the index above it would walk past
    // every series row of the customer's range too (39,000 of 40,362 in a batch of 1,000).
    index('health_signals_events_idx')
      .on(t.orgId, t.customerId, t.kind, t.observedAt)
      .where(sql`${t.kind} not in ${measuredSeriesKinds}`),
    orgKey('health_signals', t),
    ofCustomer(t),
    orgIsolation('health_signals'),
  ],
);

export type HealthSignalRow = typeof healthSignals.$inferSelect;
export type { SignalKind };

/**
 * Tokens an outside system posts events with (`POST /ingest/v1/events`): only a sha256 is stored,
 * and one may do nothing but ingest into its org. Resolved before the org is known, like a session.
 */
export const ingestTokens = pgTable(
  'ingest_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    name: text('name').notNull(),
    /** The visible start of the token (`cscx_ing_ab12`), so an admin can tell tokens apart. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ingest_tokens_hash_key').on(t.tokenHash),
    index('ingest_tokens_org_idx').on(t.orgId),
    orgKey('ingest_tokens', t),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('ingest_tokens'),
    authLookup('ingest_tokens'),
  ],
);
