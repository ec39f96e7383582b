import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  createTokenInput,
  createTokenOutput,
  listTokensInput,
  revokeTokenInput,
  tokenOutput,
} from '../../shared/api/auth.ts';
import { recordAudit } from '../audit/record.ts';
import { insertToken } from '../auth/queries.ts';
import { issueToken } from '../auth/secrets.ts';
import { authTokens } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';

function toTokenOutput(row: typeof authTokens.$inferSelect): z.infer<typeof tokenOutput> {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The token itself is returned once, here; only its hash is kept. */
export async function createPersonalToken(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof createTokenInput>,
): Promise<z.infer<typeof createTokenOutput>> {
  const now = clock.now();
  const issued = issueToken('pat');
  const row = await insertToken(db, {
    orgId: principal.orgId,
    userId: principal.userId,
    kind: 'pat',
    name: input.name,
    prefix: issued.prefix,
    tokenHash: issued.hash,
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
  });
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'token.create',
    tableName: 'auth_tokens',
    rowId: row.id,
    changes: { name: input.name },
  });
  return { token: issued.token, info: toTokenOutput(row) };
}

/** Members see their own tokens; an admin may list anyone's, or the whole org's. */
export async function listTokens(
  { db, principal }: OrgDeps,
  input: z.infer<typeof listTokensInput>,
): Promise<z.infer<typeof tokenOutput>[]> {
  const isAdmin = principal.role === 'admin';
  if (input.userId && input.userId !== principal.userId && !isAdmin) {
    throw new DomainError('FORBIDDEN', "only an admin may list another user's tokens");
  }
  const owner = input.userId ?? (isAdmin ? undefined : principal.userId);
  const rows = await db
    .select()
    .from(authTokens)
    .where(
      and(
        eq(authTokens.orgId, principal.orgId),
        owner ? eq(authTokens.userId, owner) : undefined,
        input.includeRevoked ? undefined : isNull(authTokens.revokedAt),
      ),
    )
    .orderBy(desc(authTokens.createdAt))
    .limit(500);
  return rows.map(toTokenOutput);
}

export async function revokeToken(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof revokeTokenInput>,
): Promise<{ ok: true }> {
  const [row] = await db
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.orgId, principal.orgId), eq(authTokens.id, input.id)))
    .limit(1);
  if (!row || (row.userId !== principal.userId && principal.role !== 'admin')) {
    throw new DomainError('NOT_FOUND', 'no such token');
  }
  if (!row.revokedAt) {
    await db
      .update(authTokens)
      .set({ revokedAt: clock.now() })
      .where(and(eq(authTokens.orgId, principal.orgId), eq(authTokens.id, row.id)));
    await recordAudit(db, {
      orgId: principal.orgId,
      actorUserId: principal.userId,
      action: 'token.revoke',
      tableName: 'auth_tokens',
      rowId: row.id,
    });
  }
  return { ok: true };
}
