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

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
const lastUsedResolutionMs = 60 * 1000;

/**
 * Inside the request's transaction: look the token up as `cscx_auth`, then switch to the org.
 * `last_used_at` (and a session's sliding expiry) is written at most once a minute.
 */
export async function resolvePrincipal(tx: Db, token: string, now: Date): Promise<Principal | undefined> {
  if (!looksLikeToken(token) || token.startsWith('cscx_inv_')) return undefined;
  // cscx_resolve_token runs as `cscx_auth` (migration 0003); the same statement then drops to
  // `cscx_app` with the org set, so the rest of the transaction is row-level-secured.
  const rows = await tx.execute<ResolvedToken>(sql`
    select r.*, set_config('role', 'cscx_app', true) as "role_set", set_config('app.org_id', r.org_id::text, true) as "org_set",
      set_config('statement_timeout', ${requestStatementTimeout}, true) as "timeout_set"
    from cscx_resolve_token(${hashToken(token)}, ${now.toISOString()}::timestamptz) r`);
  const row = rows[0];
  if (!row) return undefined;
  const lastUsedAt = row.last_used_at ? new Date(row.last_used_at) : null;
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= lastUsedResolutionMs) {
    await touchToken(tx, row, now);
  }
  return {
    userId: row.user_id,
    orgId: row.org_id,
    role: row.role,
    email: row.email,
    timeZone: row.time_zone,
    mustChangePassword: row.must_change_password,
    orgDomains: row.org_domains,
    tokenId: row.token_id,
    tokenKind: row.token_kind,
  };
}

interface ResolvedToken extends Record<string, unknown> {
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

async function touchToken(tx: Db, token: ResolvedToken, now: Date): Promise<void> {
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
