import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { TokenKind, UserRole } from '../../shared/enums.ts';
import type { Db } from '../db/client.ts';
import { authTokens, orgs, users } from '../db/schema.ts';
import { enterAuthLookup, enterOrg } from '../db/tenancy.ts';
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
  await enterAuthLookup(tx);
  const [row] = await tx
    .select({
      tokenId: authTokens.id,
      tokenKind: authTokens.kind,
      lastUsedAt: authTokens.lastUsedAt,
      userId: users.id,
      orgId: users.orgId,
      role: users.role,
      email: users.email,
      timeZone: users.timeZone,
      mustChangePassword: users.mustChangePassword,
      orgDomains: orgs.domains,
    })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        isNull(authTokens.revokedAt),
        gt(authTokens.expiresAt, now),
        isNull(users.removedAt),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  await enterOrg(tx, row.orgId);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    await touchToken(tx, row.tokenId, row.tokenKind, now);
  }
  const { lastUsedAt: _, ...principal } = row;
  return principal;
}

async function touchToken(tx: Db, tokenId: string, kind: TokenKind, now: Date): Promise<void> {
  const slidingExpiry = kind === 'session' ? { expiresAt: new Date(now.getTime() + sessionLifetimeMs) } : {};
  await tx
    .update(authTokens)
    .set({ lastUsedAt: now, ...slidingExpiry })
    .where(
      and(
        eq(authTokens.id, tokenId),
        sql`(${authTokens.lastUsedAt} is null or ${lt(authTokens.lastUsedAt, new Date(now.getTime() - lastUsedResolutionMs))})`,
      ),
    );
}
