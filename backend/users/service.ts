import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  inviteUserInput,
  inviteUserOutput,
  removeUserInput,
  setRoleInput,
  userOutput,
} from '../../shared/api/auth.ts';
import { recordAudit } from '../audit/record.ts';
import { revokeUserTokens } from '../auth/queries.ts';
import { issueToken } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { invitations, users } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { toUserOutput } from './output.ts';

const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export async function listUsers({ db, principal }: OrgDeps): Promise<z.infer<typeof userOutput>[]> {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, principal.orgId), isNull(users.removedAt)))
    .orderBy(asc(users.email));
  return rows.map(toUserOutput);
}

/** Creates the user without a password and returns a one-time link to set one. */
export async function inviteUser(
  { db, clock, config, principal }: OrgDeps,
  input: z.infer<typeof inviteUserInput>,
): Promise<z.infer<typeof inviteUserOutput>> {
  const now = clock.now();
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, principal.orgId), eq(users.email, input.email)))
    .limit(1);
  if (existing) throw new DomainError('CONFLICT', 'a user with this email already exists');
  const [user] = await db
    .insert(users)
    .values({ orgId: principal.orgId, email: input.email, name: input.name, role: input.role })
    .returning();
  if (!user) throw new Error('user insert returned nothing');
  const invite = await createInvitation(db, user, now);
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'user.invite',
    tableName: 'users',
    rowId: user.id,
    changes: { role: input.role },
  });
  return {
    user: toUserOutput(user),
    inviteToken: invite.token,
    inviteUrl: `${config.publicUrl}/app/#/accept-invite?token=${encodeURIComponent(invite.token)}`,
    expiresAt: invite.expiresAt.toISOString(),
  };
}

export async function createInvitation(db: Db, user: { id: string; orgId: string }, now: Date) {
  const issued = issueToken('invite');
  const expiresAt = new Date(now.getTime() + invitationLifetimeMs);
  await db
    .insert(invitations)
    .values({ orgId: user.orgId, userId: user.id, tokenHash: issued.hash, expiresAt });
  return { token: issued.token, expiresAt };
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
