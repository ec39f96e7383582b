import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { type AiProviderName, aiFeatures, aiProviderNames, aiRunStatuses } from '../../shared/api/ai.ts';
import type { StyleProfile } from '../../shared/api/drafts.ts';
import type { ThreadAnalysis } from '../../shared/api/threads.ts';
import {
  activityKinds,
  contactRoles,
  contractStatuses,
  lifecycleStages,
  segments,
  taskStatuses,
  ticketPriorities,
  ticketStatuses,
  tokenKinds,
  userRoles,
} from '../../shared/enums.ts';

/**
 * Roles are created by the hand-written migration 0000 (drizzle-kit does not emit roles).
 * `cscx_app` is what every request runs as, with `app.org_id` set for the transaction.
 * `cscx_auth` may only read what resolving a token or a sign-in needs, before the org is known.
 */
export const appRole = pgRole('cscx_app').existing();
export const authRole = pgRole('cscx_auth').existing();

export const currentOrg = sql`nullif(current_setting('app.org_id', true), '')::uuid`;

/** The tenancy policy every org-owned table carries; RLS is also FORCEd in migration 0002. */
export function orgIsolation(table: string) {
  return pgPolicy(`${table}_org_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`org_id = ${currentOrg}`,
    withCheck: sql`org_id = ${currentOrg}`,
  });
}

export function authLookup(table: string) {
  return pgPolicy(`${table}_auth_lookup`, {
    as: 'permissive',
    for: 'select',
    to: authRole,
    using: sql`true`,
  });
}

/**
 * Tenancy is also a key: every org-owned table is unique on (org_id, id), and every reference between
 * org-owned tables names the org on both sides, so no row can point at another org's row, whatever
 * the code or a raw statement does. A convention test holds every such foreign key to that.
 */
export function orgKey(table: string, t: { orgId: AnyPgColumn; id: AnyPgColumn }) {
  return unique(`${table}_org_id_key`).on(t.orgId, t.id);
}

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () => tstz('updated_at').notNull().defaultNow();
export const orgId = () => uuid('org_id').notNull();

export const userRole = pgEnum('user_role', userRoles);
export const tokenKind = pgEnum('token_kind', tokenKinds);
export const segment = pgEnum('customer_segment', segments);
export const lifecycleStage = pgEnum('lifecycle_stage', lifecycleStages);
export const contactRole = pgEnum('contact_role', contactRoles);
export const contractStatus = pgEnum('contract_status', contractStatuses);
export const activityKind = pgEnum('activity_kind', activityKinds);
export const ticketStatus = pgEnum('ticket_status', ticketStatuses);
export const ticketPriority = pgEnum('ticket_priority', ticketPriorities);
export const taskStatus = pgEnum('task_status', taskStatuses);
export const aiProvider = pgEnum('ai_provider', aiProviderNames);
export const aiFeature = pgEnum('ai_feature', aiFeatures);
export const aiRunStatus = pgEnum('ai_run_status', aiRunStatuses);

/** What an email activity keeps of its thread's analysis: never the messages themselves. */
export interface StoredThreadAnalysis {
  /** A hash of the messages analysed: the same thread opened again is not analysed again. */
  fingerprint: string;
  messageCount: number;
  provider: AiProviderName;
  model: string;
  /** Absent on entries logged before it was kept. */
  fellBackFrom?: AiProviderName | null;
  analysis: ThreadAnalysis;
}

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    /** Not unique: one org must not be able to learn or block another's name. */
    name: text('name').notNull(),
    /** The org's own email domains, lower-case: never matched as a customer. */
    domains: text('domains').array().notNull().default(sql`'{}'::text[]`),
    /** The Calendar sidebar records each event it shows a customer for on that customer's timeline. */
    recordCalendarMeetings: boolean('record_calendar_meetings').notNull().default(true),
    /** The competitors a call's analysis listens for, as the org names them. */
    competitors: text('competitors').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [
    pgPolicy('orgs_own_org', {
      for: 'all',
      to: appRole,
      using: sql`id = ${currentOrg}`,
      withCheck: sql`id = ${currentOrg}`,
    }),
    authLookup('orgs'),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    /**
     * Lower-cased and trimmed. Unique within an org only: one address may be a member of several
     * orgs (one user row in each), so no org can learn of or squat another's members.
     */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: userRole('role').notNull(),
    timeZone: text('time_zone').notNull().default('UTC'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    removedAt: tstz('removed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_org_email_key').on(t.orgId, t.email),
    // Sign-in looks an address up across orgs, before the org is known.
    index('users_email_idx').on(t.email),
    orgKey('users', t),
    orgIsolation('users'),
    authLookup('users'),
  ],
);

export const passwordCredentials = pgTable(
  'password_credentials',
  {
    userId: uuid('user_id').primaryKey(),
    orgId: orgId().references(() => orgs.id),
    /** scrypt, self-describing: `scrypt$N$r$p$salt$hash` (base64url). */
    hash: text('hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('password_credentials'),
    authLookup('password_credentials'),
  ],
);

/** Sign-in sessions and personal access tokens: only a sha256 of the token is stored. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    userId: uuid('user_id').notNull(),
    kind: tokenKind('kind').notNull(),
    name: text('name').notNull().default(''),
    /** The visible start of the token (`cscx_pat_ab12`), so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('auth_tokens_hash_key').on(t.tokenHash),
    index('auth_tokens_user_idx').on(t.orgId, t.userId),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('auth_tokens'),
    authLookup('auth_tokens'),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_hash_key').on(t.tokenHash),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('invitations'),
    authLookup('invitations'),
  ],
);

/** Sign-in attempts, for throttling. Not org-owned: the org is unknown until sign-in succeeds. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** sha256 of the normalised address, so the table holds no email. */
    emailHash: text('email_hash').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.emailHash, t.at),
    index('sign_in_attempts_ip_idx').on(t.ip, t.at),
  ],
);

/**
 * The name as a meeting's topic or a participant list is matched against it (migration 0008 has the
 * function): kept by the database, so every writer, bulk imports included, gets it alike. A plain
 * column, because row-level security keeps the planner off an expression index on `name`.
 */
const nameKey = () => text('name_key').notNull().generatedAlwaysAs(sql`cscx_name_key(name)`);

const externalRef = () => ({
  source: text('source').notNull().default('cscx'),
  externalId: text('external_id'),
});

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    name: text('name').notNull(),
    ownerId: uuid('owner_id'),
    segment: segment('segment').notNull().default('smb'),
    stage: lifecycleStage('stage').notNull().default('onboarding'),
    arrMinor: bigint('arr_minor', { mode: 'number' }).notNull().default(0),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    renewalDate: date('renewal_date', { mode: 'string' }),
    nameKey: nameKey(),
    ...externalRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_external_key').on(t.orgId, t.source, t.externalId),
    index('customers_org_name_idx').on(t.orgId, t.name),
    index('customers_org_name_key_idx').on(t.orgId, t.nameKey),
    index('customers_org_owner_idx').on(t.orgId, t.ownerId),
    index('customers_org_renewal_idx').on(t.orgId, t.renewalDate),
    orgKey('customers', t),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('customers'),
  ],
);

/** A row of a customer's: goes when the customer goes, and only ever points at its own org's customer. */
export function ofCustomer(t: { orgId: AnyPgColumn; customerId: AnyPgColumn }) {
  return foreignKey({
    columns: [t.orgId, t.customerId],
    foreignColumns: [customers.orgId, customers.id],
  }).onDelete('cascade');
}

/** One row per customer domain, lower-case: a domain belongs to one customer of an org. */
export const customerDomains = pgTable(
  'customer_domains',
  {
    orgId: orgId().references(() => orgs.id),
    domain: text('domain').notNull(),
    customerId: uuid('customer_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.domain] }),
    index('customer_domains_customer_idx').on(t.orgId, t.customerId),
    ofCustomer(t),
    orgIsolation('customer_domains'),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id').notNull(),
    /** Lower-cased and trimmed by the writer: RLS keeps the planner off expression indexes. */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    title: text('title').notNull().default(''),
    role: contactRole('role').notNull().default('user'),
    nameKey: nameKey(),
    ...externalRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contacts_org_email_key').on(t.orgId, t.email),
    index('contacts_org_name_key_idx').on(t.orgId, t.nameKey),
    uniqueIndex('contacts_external_key').on(t.orgId, t.source, t.externalId),
    index('contacts_customer_idx').on(t.orgId, t.customerId),
    orgKey('contacts', t),
    ofCustomer(t),
    orgIsolation('contacts'),
  ],
);

export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    status: contractStatus('status').notNull().default('active'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    arrMinor: bigint('arr_minor', { mode: 'number' }).notNull().default(0),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    ...externalRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contracts_external_key').on(t.orgId, t.source, t.externalId),
    index('contracts_customer_idx').on(t.orgId, t.customerId, t.endDate),
    ofCustomer(t),
    orgIsolation('contracts'),
  ],
);

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    kind: activityKind('kind').notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    subject: text('subject').notNull().default(''),
    summary: text('summary').notNull().default(''),
    ticketStatus: ticketStatus('ticket_status'),
    ticketPriority: ticketPriority('ticket_priority'),
    npsScore: smallint('nps_score'),
    /** A meeting's video conference id (Zoom's meeting number, Meet's code): how a Zoom page finds its event. */
    conferenceId: text('conference_id'),
    /** A Gmail thread's analysis (sentiment, asks, commitments…) and what it was made from. */
    analysis: jsonb('analysis').$type<StoredThreadAnalysis>(),
    ...externalRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('activities_external_key').on(t.orgId, t.source, t.externalId),
    // Matches `order by occurred_at desc, id desc` exactly, so "last 10" stops after 10 index entries.
    index('activities_customer_time_idx').on(
      t.orgId,
      t.customerId,
      t.occurredAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // Few activities have a conference: only those are indexed.
    index('activities_conference_idx')
      .on(t.orgId, t.conferenceId, t.occurredAt)
      .where(sql`${t.conferenceId} is not null`),
    orgKey('activities', t),
    ofCustomer(t),
    // Migration 0005 narrows the SET NULL to contact_id: org_id must stay.
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete(
      'set null',
    ),
    orgIsolation('activities'),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id'),
    title: text('title').notNull(),
    status: taskStatus('status').notNull().default('open'),
    dueDate: date('due_date', { mode: 'string' }),
    assigneeId: uuid('assignee_id'),
    ...externalRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tasks_external_key').on(t.orgId, t.source, t.externalId),
    index('tasks_customer_status_idx').on(t.orgId, t.customerId, t.status),
    ofCustomer(t),
    foreignKey({ columns: [t.orgId, t.assigneeId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('tasks'),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: orgId().references(() => orgs.id),
    actorUserId: uuid('actor_user_id'),
    /** `customer.upsert`, `user.remove`, … */
    action: text('action').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_at_idx').on(t.orgId, t.at), orgIsolation('audit_log')],
);

/**
 * An org's model choice. API keys are sealed (AES-256-GCM, `secrets/secret-box.ts`) and leave the
 * server only towards their vendor. Kept apart from `orgs`, which sign-in may read.
 */
export const orgAiSettings = pgTable(
  'org_ai_settings',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => orgs.id),
    /** Null: the server's default (`CSCX_AI_PROVIDER`). */
    provider: aiProvider('provider'),
    model: text('model'),
    anthropicKeySealed: text('anthropic_key_sealed'),
    geminiKeySealed: text('gemini_key_sealed'),
    redaction: boolean('redaction').notNull().default(true),
    logGmailThreads: boolean('log_gmail_threads').notNull().default(true),
    updatedAt: updatedAt(),
  },
  () => [orgIsolation('org_ai_settings')],
);

/** One row per model call, written by the wrapper in `ai/run.ts`: never the prompt or its output. */
export const aiRuns = pgTable(
  'ai_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    /** Null for work no user started (jobs). */
    userId: uuid('user_id'),
    feature: aiFeature('feature').notNull(),
    provider: aiProvider('provider').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    /** Streams only: until the first chunk of text. */
    firstTokenMs: integer('first_token_ms'),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    status: aiRunStatus('status').notNull(),
    errorClass: text('error_class'),
    createdAt: createdAt(),
  },
  (t) => [
    index('ai_runs_org_time_idx').on(t.orgId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('ai_runs'),
  ],
);

/**
 * A reply CSCX drafted, as it was streamed: what the CSM's edits are later compared with. Kept
 * with the links it withheld, and who asked for it, for whom, through which model.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    userId: uuid('user_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** Gmail's thread id for a reply; null for a new message. */
    threadId: text('thread_id'),
    intent: text('intent').notNull(),
    tone: text('tone').notNull(),
    length: text('length').notNull(),
    seed: integer('seed').notNull(),
    provider: aiProvider('provider').notNull(),
    model: text('model').notNull(),
    text: text('text').notNull(),
    flaggedLinks: jsonb('flagged_links').$type<{ url: string; reason: string }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index('drafts_user_time_idx').on(t.orgId, t.userId, t.createdAt),
    orgKey('drafts', t),
    ofCustomer(t),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('drafts'),
  ],
);

/** What the CSM changed in a draft before sending it: what their style profile is learned from. */
export interface DraftEdit {
  /** Runs of words the CSM deleted from the draft, and ones they wrote in, in order. */
  removed: string[];
  added: string[];
}

/** One sent message that began as a CSCX draft: one per draft, the last sent text kept. */
export const draftFeedback = pgTable(
  'draft_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    userId: uuid('user_id').notNull(),
    draftId: uuid('draft_id').notNull(),
    sentText: text('sent_text').notNull(),
    /** Word-level edit distance over the longer text's words: 0 sent as drafted, 1 all rewritten. */
    editDistance: doublePrecision('edit_distance').notNull(),
    diff: jsonb('diff').$type<DraftEdit>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('draft_feedback_draft_key').on(t.orgId, t.draftId),
    index('draft_feedback_user_time_idx').on(t.orgId, t.userId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.draftId], foreignColumns: [drafts.orgId, drafts.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('draft_feedback'),
  ],
);

/** How one CSM writes, learned from their recent feedback: what every provider's drafts follow. */
export const styleProfiles = pgTable(
  'style_profiles',
  {
    orgId: orgId().references(() => orgs.id),
    userId: uuid('user_id').notNull(),
    profile: jsonb('profile').$type<StyleProfile>().notNull(),
    /** Sent drafts it was learned from. */
    samples: integer('samples').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('style_profiles'),
  ],
);
