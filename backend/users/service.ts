import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MemberOutput, removeUserInput, setRoleInput, userOutput } from '../../shared/api/auth.ts';
import { recordAudit } from '../audit/record.ts';
import { revokeUserTokens } from '../auth/queries.ts';
import type { Db } from '../db/client.ts';
import { invitations, passwordCredentials, users } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { toUserOutput } from './output.ts';

/**
 * The org's members. One invited but not signed in yet (no password, an invitation not accepted, maybe
 * expired) is pending, with when the latest link was issued and when it expires.
 */
export async function listUsers({ db, principal }: OrgDeps): Promise<MemberOutput[]> {
  const rows = await db
    .select({ user: users, passwordOf: passwordCredentials.userId })
    .from(users)
    .leftJoin(
      passwordCredentials,
      and(eq(passwordCredentials.orgId, users.orgId), eq(passwordCredentials.userId, users.id)),
    )
    .where(and(eq(users.orgId, principal.orgId), isNull(users.removedAt)))
    .orderBy(asc(users.email));
  const open = await db
    .select({
      userId: invitations.userId,
      invitedAt: max(invitations.createdAt),
      expiresAt: max(invitations.expiresAt),
    })
    .from(invitations)
    .where(and(eq(invitations.orgId, principal.orgId), isNull(invitations.acceptedAt)))
    .groupBy(invitations.userId);
  const invitationOf = new Map(open.map((i) => [i.userId, i]));
  return rows.map(({ user, passwordOf }) => {
    const invitation = passwordOf ? undefined : invitationOf.get(user.id);
    return {
      ...toUserOutput(user),
      pending: invitation !== undefined,
      invitedAt: invitation?.invitedAt?.toISOString() ?? null,
      invitationExpiresAt: invitation?.expiresAt?.toISOString() ?? null,
    };
  });
}

/** Locks the org's admins so that two concurrent demotions cannot both pass the last-admin check. */
async function lockActiveAdmins(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'admin'), isNull(users.removedAt)))
    .for('update');
  return rows.map((r) => r.id);
}

async function activeUser(db: Db, orgId: string, userId: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.removedAt)))
    .limit(1);
  if (!user) throw new DomainError('NOT_FOUND', 'no such user');
  return user;
}

export async function setUserRole(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof setRoleInput>,
): Promise<z.infer<typeof userOutput>> {
  const admins = await lockActiveAdmins(db, principal.orgId);
  const user = await activeUser(db, principal.orgId, input.userId);
  if (user.role === 'admin' && input.role !== 'admin' && admins.length <= 1) {
    throw new DomainError('CONFLICT', 'the last admin cannot be demoted: make someone else admin first');
  }
  const [updated] = await db
    .update(users)
    .set({ role: input.role, updatedAt: clock.now() })
    .where(and(eq(users.orgId, principal.orgId), eq(users.id, user.id)))
    .returning();
  if (!updated) throw new DomainError('NOT_FOUND', 'no such user');
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'user.set_role',
    tableName: 'users',
    rowId: user.id,
    changes: { from: user.role, to: input.role },
  });
  return toUserOutput(updated);
}

/** Removing keeps the row (ownership and audit refer to it) and revokes every session and token. */
export async function removeUser(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof removeUserInput>,
): Promise<{ ok: true }> {
  const admins = await lockActiveAdmins(db, principal.orgId);
  const user = await activeUser(db, principal.orgId, input.userId);
  if (user.role === 'admin' && admins.length <= 1) {
    throw new DomainError('CONFLICT', 'the last admin cannot be removed');
  }
  const now = clock.now();
  await db
    .update(users)
    .set({ removedAt: now, updatedAt: now, email: sql`${users.email} || '#removed-' || ${users.id}` })
    .where(and(eq(users.orgId, principal.orgId), eq(users.id, user.id)));
  await revokeUserTokens(db, { orgId: principal.orgId, userId: user.id }, now);
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'user.remove',
    tableName: 'users',
    rowId: user.id,
  });
  return { ok: true };
}
