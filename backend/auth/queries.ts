import { and, asc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { authTokens, invitations, orgs, passwordCredentials, users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

/** Beyond this many orgs an address is not looked up further (each costs a password check). */
export const maxOrgsPerAddress = 10;

/** As `cscx_auth`: the address's accounts, one per org it is a member of, oldest first. */
export async function findSignInCandidates(tx: Db, email: string, orgId: string | undefined) {
  return tx
    .select({ user: users, hash: passwordCredentials.hash, orgName: orgs.name })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .innerJoin(
      passwordCredentials,
      and(eq(passwordCredentials.orgId, users.orgId), eq(passwordCredentials.userId, users.id)),
    )
    .where(and(eq(users.email, email), isNull(users.removedAt), orgId ? eq(users.orgId, orgId) : undefined))
    .orderBy(asc(users.createdAt))
    .limit(maxOrgsPerAddress);
}

/** As `cscx_auth`. */
export async function findOpenInvitation(tx: Db, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({ invitation: invitations, user: users })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, now),
        isNull(users.removedAt),
      ),
    )
    .limit(1);
  return row;
}

export async function findOrg(tx: Db, orgId: string) {
  const [row] = await tx.select().from(orgs).where(eq(orgs.id, orgId)).limit(1);
  return row;
}

export async function findUser(tx: Db, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .limit(1);
  return row;
}

export async function findPasswordHash(tx: Db, orgId: string, userId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ hash: passwordCredentials.hash })
    .from(passwordCredentials)
    .where(and(eq(passwordCredentials.orgId, orgId), eq(passwordCredentials.userId, userId)));
  return row?.hash;
}

export async function storePassword(tx: Db, user: { id: string; orgId: string }, hash: string, now: Date) {
  await tx
    .insert(passwordCredentials)
    .values({ userId: user.id, orgId: user.orgId, hash, updatedAt: now })
    .onConflictDoUpdate({ target: passwordCredentials.userId, set: { hash, updatedAt: now } });
}

export async function insertToken(tx: Db, row: typeof authTokens.$inferInsert) {
  const [created] = await tx.insert(authTokens).values(row).returning();
  if (!created) throw new Error('token insert returned nothing');
  return created;
}

export async function revokeUserTokens(
  tx: Db,
  user: { orgId: string; userId: string },
  now: Date,
  exceptTokenId?: string,
) {
  await tx
    .update(authTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(authTokens.orgId, user.orgId),
        eq(authTokens.userId, user.userId),
        isNull(authTokens.revokedAt),
        exceptTokenId ? ne(authTokens.id, exceptTokenId) : undefined,
      ),
    );
}
