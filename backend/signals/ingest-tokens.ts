import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  createIngestTokenInput,
  createIngestTokenOutput,
  IngestTokenOutput,
  revokeIngestTokenInput,
} from '../../shared/api/signals.ts';
import { recordAudit } from '../audit/record.ts';
import { hashToken } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { ingestTokens } from './schema.ts';

export const ingestTokenPrefix = 'cscx_ing_';

/** Anything else is refused before the database is asked. */
export function looksLikeIngestToken(value: string): boolean {
  return /^cscx_ing_[A-Za-z0-9_-]{43}$/.test(value);
}

function toOutput(row: typeof ingestTokens.$inferSelect): IngestTokenOutput {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The token is returned once, here; only its sha256 is kept. */
export async function createIngestToken(
  { db, principal }: OrgDeps,
  input: z.infer<typeof createIngestTokenInput>,
): Promise<z.infer<typeof createIngestTokenOutput>> {
  const token = ingestTokenPrefix + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(ingestTokens)
    .values({
      orgId: principal.orgId,
      name: input.name,
      prefix: token.slice(0, ingestTokenPrefix.length + 4),
      tokenHash: hashToken(token),
      createdBy: principal.userId,
    })
    .returning();
  if (!row) throw new Error('the ingest token was not stored');
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'ingest_token.create',
    tableName: 'ingest_tokens',
    rowId: row.id,
    changes: { name: input.name },
  });
  return { token, info: toOutput(row) };
}

/** Revoked ones too, newest first: an admin sees what was turned off and when. */
export async function listIngestTokens({ db, principal }: OrgDeps): Promise<IngestTokenOutput[]> {
  const rows = await db
    .select()
    .from(ingestTokens)
    .where(eq(ingestTokens.orgId, principal.orgId))
    .orderBy(desc(ingestTokens.createdAt))
    .limit(500);
  return rows.map(toOutput);
}

export async function revokeIngestToken(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof revokeIngestTokenInput>,
): Promise<{ ok: true }> {
  const [row] = await db
    .update(ingestTokens)
    .set({ revokedAt: clock.now() })
    .where(
      and(
        eq(ingestTokens.orgId, principal.orgId),
        eq(ingestTokens.id, input.id),
        isNull(ingestTokens.revokedAt),
      ),
    )
    .returning({ id: ingestTokens.id });
  if (row) {
    await recordAudit(db, {
      orgId: principal.orgId,
      actorUserId: principal.userId,
      action: 'ingest_token.revoke',
      tableName: 'ingest_tokens',
      rowId: row.id,
    });
    return { ok: true };
  }
  const [exists] = await db
    .select({ id: ingestTokens.id })
    .from(ingestTokens)
    .where(and(eq(ingestTokens.orgId, principal.orgId), eq(ingestTokens.id, input.id)));
  if (!exists) throw new DomainError('NOT_FOUND', 'no such ingest token');
  return { ok: true };
}

export interface IngestCaller {
  tokenId: string;
  orgId: string;
  lastUsedAt: Date | null;
}

/** Run as `cscx_auth` (inAuthLookup): the org is not known until the token is. */
export async function findIngestCaller(tx: Db, token: string): Promise<IngestCaller | undefined> {
  if (!looksLikeIngestToken(token)) return undefined;
  const [row] = await tx
    .select({ tokenId: ingestTokens.id, orgId: ingestTokens.orgId, lastUsedAt: ingestTokens.lastUsedAt })
    .from(ingestTokens)
    .where(and(eq(ingestTokens.tokenHash, hashToken(token)), isNull(ingestTokens.revokedAt)))
    .limit(1);
  return row;
}

/** At most once a minute, in the org's own transaction. */
export async function recordIngestTokenUse(tx: Db, caller: IngestCaller, now: Date): Promise<void> {
  if (caller.lastUsedAt && now.getTime() - caller.lastUsedAt.getTime() < 60_000) return;
  await tx
    .update(ingestTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(ingestTokens.orgId, caller.orgId), eq(ingestTokens.id, caller.tokenId)));
}
