import { and, eq, lt, sql } from 'drizzle-orm';
import type { TokenKind, UserRole } from '../../shared/enums.ts';
import type { Db } from '../db/client.ts';
import { authTokens } from '../db/schema.ts';
import { requestStatementTimeout } from '../db/statement-timeout.ts';
import { hashToken, looksLikeToken } from './secrets.ts';

/** Who is calling: resolved from the bearer token for every authenticated request. */
export interface Principal {
  userId: string;
  orgId: string;
  role: UserRole;
  email: string;
  timeZone: string;
  mustChangePassword: boolean;
  /** The org's own email domains: never matched as a customer. */
  orgDomains: string[];
  tokenId: string;
  tokenKind: TokenKind;
}

/** A token as it resolved: whose it is, and when its use was last recorded (null: never). */
export interface ResolvedToken {
  principal: Principal;
  lastUsedAt: Date | null;
}

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
const lastUsedResolutionMs = 60 * 1000;

/** `last_used_at` (and a session's sliding expiry) is written at most once a minute. */
export function isUseToRecord(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= lastUsedResolutionMs;
}

/** Whether two resolutions name the same caller with the same rights and settings. */
export function isSamePrincipal(a: Principal, b: Principal): boolean {
  return (
    a.userId === b.userId &&
    a.orgId === b.orgId &&
    a.role === b.role &&
    a.email === b.email &&
    a.timeZone === b.timeZone &&
    a.mustChangePassword === b.mustChangePassword &&
    a.tokenId === b.tokenId &&
    a.tokenKind === b.tokenKind &&
    a.orgDomains.length === b.orgDomains.length &&
    a.orgDomains.every((domain, i) => domain === b.orgDomains[i])
  );
}

// cscx_resolve_token runs as `cscx_auth` (migration 0003); the same statement then drops to
// `cscx_app` with the org set, so the rest of the transaction is row-level-secured.
const switchToOrg = sql`set_config('role', 'cscx_app', true) as "role_set", set_config('app.org_id', r.org_id::text, true) as "org_set",
      set_config('statement_timeout', ${requestStatementTimeout}, true) as "timeout_set"`;

/**
 * Inside the request's transaction: look the token up as `cscx_auth`, then switch to the org.
 * Records the use when it is due (isUseToRecord).
 */
export async function resolvePrincipal(tx: Db, token: string, now: Date): Promise<ResolvedToken | undefined> {
  if (!isBearerCandidate(token)) return undefined;
  const rows = await tx.execute<TokenRow>(sql`
    select r.*, ${switchToOrg}
    from cscx_resolve_token(${hashToken(token)}, ${now.toISOString()}::timestamptz) r`);
  const row = rows[0];
  if (!row) return undefined;
  const resolved = toResolvedToken(row);
  if (!isUseToRecord(resolved.lastUsedAt, now)) return resolved;
  await recordUse(tx, row, now);
  return { ...resolved, lastUsedAt: now };
}

/** What the statement of resolvePrincipalForReading fails with when the token does not resolve. */
const notResolved = 'cscx: the bearer token is not valid';

/**
 * For a request that only reads, as the first statement of its transaction: resolves the token,
 * switches to the org as resolvePrincipal does, and makes the rest of the transaction read only.
 * A token that does not resolve fails the statement (and so the transaction): statements sent
 * behind it before its answer came back are then refused by Postgres, and never run as the login
 * role. The caller must roll back then. Records no use: call resolvePrincipal when one is due.
 *
 * The statement is sent before this returns, so statements the caller sends next follow it.
 */
export function resolvePrincipalForReading(
  tx: Db,
  token: string,
  now: Date,
): Promise<ResolvedToken | undefined> {
  if (!isBearerCandidate(token)) return Promise.resolve(undefined);
  // The left join gives a row of nulls when the token does not resolve, and the cast of the
  // marker fails on it; Postgres evaluates the filter before the set_configs. (`then` sends it now.)
  return tx
    .execute<TokenRow>(sql`
      select r.*, ${switchToOrg}, set_config('transaction_read_only', 'on', true) as "read_only_set"
      from (values (1)) as once (one) left join cscx_resolve_token(${hashToken(token)}, ${now.toISOString()}::timestamptz) r on true
      where coalesce(r.token_id::text, ${notResolved})::uuid is not null`)
    .then(
      (rows) => (rows[0] ? toResolvedToken(rows[0]) : undefined),
      (error: unknown) => {
        if (isNotResolved(error)) return undefined;
        throw error;
      },
    );
}

function isBearerCandidate(token: string): boolean {
  return looksLikeToken(token) && !token.startsWith('cscx_inv_');
}

/** drizzle wraps what the driver throws as the cause of its own error. */
function isNotResolved(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === '22P02' && cause.message.includes(notResolved)) return true;
  }
  return false;
}

interface TokenRow extends Record<string, unknown> {
  token_id: string;
  token_kind: TokenKind;
  last_used_at: string | Date | null;
  user_id: string;
  org_id: string;
  role: UserRole;
  email: string;
  time_zone: string;
  must_change_password: boolean;
  org_domains: string[];
}

function toResolvedToken(row: TokenRow): ResolvedToken {
  return {
    principal: {
      userId: row.user_id,
      orgId: row.org_id,
      role: row.role,
      email: row.email,
      timeZone: row.time_zone,
      mustChangePassword: row.must_change_password,
      orgDomains: row.org_domains,
      tokenId: row.token_id,
      tokenKind: row.token_kind,
    },
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  };
}

async function recordUse(tx: Db, token: TokenRow, now: Date): Promise<void> {
  const slidingExpiry =
    token.token_kind === 'session' ? { expiresAt: new Date(now.getTime() + sessionLifetimeMs) } : {};
  await tx
    .update(authTokens)
    .set({ lastUsedAt: now, ...slidingExpiry })
    .where(
      and(
        eq(authTokens.orgId, token.org_id),
        eq(authTokens.id, token.token_id),
        sql`(${authTokens.lastUsedAt} is null or ${lt(authTokens.lastUsedAt, new Date(now.getTime() - lastUsedResolutionMs))})`,
      ),
    );
}
