import { sql } from 'drizzle-orm';
import { foreignKey, index, pgPolicy, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import {
  authLookup,
  authRole,
  createdAt,
  orgId,
  orgIsolation,
  orgKey,
  orgs,
  tstz,
  updatedAt,
  users,
} from '../db/schema.ts';

/**
 * An outside account CSCX acts through: one per user and provider (Google), or one per org and
 * provider with no user (Slack's bot). The tokens are one sealed JSON value whose associated data
 * names the org, provider and user (`connections/sealed-tokens.ts`): copied into another row, it does
 * not open.
 */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    /** Null for a connection of the whole org. */
    userId: uuid('user_id'),
    /** `google`, `slack` (and `zoom` later): text, so a provider is added without a migration. */
    provider: text('provider').notNull(),
    /** The outside account, as shown in settings (a Google address, a Slack workspace). */
    account: text('account').notNull(),
    /** The provider's ids for it (Google `sub`, Slack team id): what webhooks are routed by. */
    externalId: text('external_id').notNull().default(''),
    tokensSealed: text('tokens_sealed').notNull(),
    /** What the provider granted, which may be less than was asked for. */
    scopes: text('scopes').array().notNull(),
    expiresAt: tstz('expires_at'),
    connectedBy: uuid('connected_by').notNull(),
    lastSuccessAt: tstz('last_success_at'),
    lastErrorAt: tstz('last_error_at'),
    lastError: text('last_error'),
    refreshedAt: tstz('refreshed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One per user and provider, and one org-wide per provider (nulls compare equal).
    unique('connections_owner_key').on(t.orgId, t.provider, t.userId).nullsNotDistinct(),
    orgKey('connections', t),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.connectedBy], foreignColumns: [users.orgId, users.id] }),
    orgIsolation('connections'),
    // A Zoom webhook names only Zoom's account id: its org is found before the org is known. The
    // migration grants `cscx_auth` just (org_id, provider, external_id), never the tokens.
    pgPolicy('connections_zoom_account_lookup', {
      as: 'permissive',
      for: 'select',
      to: authRole,
      using: sql`provider = 'zoom'`,
    }),
  ],
);

export type ConnectionRow = typeof connections.$inferSelect;

/**
 * An authorisation begun and not yet come back: single use (deleted when it returns), short lived,
 * bound to who began it. Only a sha256 of `state` is kept; the PKCE verifier is sealed. The callback
 * arrives with no token of ours, so it is looked up before the org is known (as `cscx_auth`).
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    userId: uuid('user_id').notNull(),
    provider: text('provider').notNull(),
    stateHash: text('state_hash').notNull(),
    verifierSealed: text('verifier_sealed').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('oauth_states_hash_key').on(t.stateHash),
    index('oauth_states_org_expiry_idx').on(t.orgId, t.expiresAt),
    orgKey('oauth_states', t),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    orgIsolation('oauth_states'),
    authLookup('oauth_states'),
  ],
);

export type OauthStateRow = typeof oauthStates.$inferSelect;
