import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  ActionKind,
  ActionStatus,
  PolicyMode,
  ProposedBy,
  RiskLevel,
} from '../../shared/api/actions.ts';
import {
  createdAt,
  ofCustomer,
  orgId,
  orgIsolation,
  orgKey,
  orgs,
  tstz,
  updatedAt,
  users,
} from '../db/schema.ts';

export type StoredPayload = Record<string, unknown>;

/**
 * Every side effect CSCX proposes, as a row before it happens (DESIGN: "Every side effect is an
 * action row first"). Kind, risk and status are text checked by zod in `shared/api/actions.ts`, so
 * a kind is added without a migration. `payload` is what runs: the edited payload when a person
 * changed it, the original otherwise; both are kept.
 */
export const actions = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    kind: text('kind').$type<ActionKind>().notNull(),
    payload: jsonb('payload').$type<StoredPayload>().notNull(),
    originalPayload: jsonb('original_payload').$type<StoredPayload>().notNull(),
    editedPayload: jsonb('edited_payload').$type<StoredPayload>(),
    customerId: uuid('customer_id'),
    /** Whose account it acts through: an email goes out from this user's Google connection. */
    forUserId: uuid('for_user_id').notNull(),
    proposedBy: jsonb('proposed_by').$type<ProposedBy>().notNull(),
    /** Its payload came from text CSCX does not trust: a person decides, whatever the policy. */
    untrusted: boolean('untrusted').notNull().default(true),
    reason: text('reason').notNull(),
    risk: text('risk').$type<RiskLevel>().notNull(),
    status: text('status').$type<ActionStatus>().notNull().default('proposed'),
    policyDecision: text('policy_decision').notNull(),
    /** Unique per org: proposing again with the same key returns the same action. */
    idempotencyKey: text('idempotency_key').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: tstz('decided_at'),
    decisionNote: text('decision_note'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    outcome: jsonb('outcome').$type<StoredPayload>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    orgKey('actions', t),
    index('actions_org_status_time_idx').on(t.orgId, t.status, t.createdAt),
    index('actions_for_user_time_idx').on(t.orgId, t.forUserId, t.createdAt),
    index('actions_customer_time_idx').on(t.orgId, t.customerId, t.createdAt),
    // The key the executors' re-runs and a repeated proposal are told apart by.
    uniqueIndex('actions_idempotency_key').on(t.orgId, t.idempotencyKey),
    ofCustomer(t),
    foreignKey({ columns: [t.orgId, t.forUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.decidedBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('actions'),
  ],
);

export type ActionRow = typeof actions.$inferSelect;

/** An admin's choice for one kind; a kind with no row follows the default (`policy.ts`). */
export const actionPolicies = pgTable(
  'action_policies',
  {
    orgId: orgId().references(() => orgs.id),
    kind: text('kind').$type<ActionKind>().notNull(),
    mode: text('mode').$type<PolicyMode>().notNull(),
    /** For `auto`: the highest risk that runs without a person. */
    upToRisk: text('up_to_risk').$type<RiskLevel>(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.updatedBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('action_policies'),
  ],
);
