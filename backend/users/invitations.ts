import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { inviteUserInput, inviteUserOutput, reissueInviteInput } from '../../shared/api/auth.ts';
import { recordAudit } from '../audit/record.ts';
import { findPasswordHash } from '../auth/queries.ts';
import { issueToken } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { invitations, users } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { toUserOutput } from './output.ts';

const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** The settings page's accept-invite route, on the backend's public address. */
export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/app/#/accept-invite?token=${encodeURIComponent(token)}`;
}

export async function createInvitation(db: Db, user: { id: string; orgId: string }, now: Date) {
  const issued = issueToken('invite');
  const expiresAt = new Date(now.getTime() + invitationLifetimeMs);
  await db
    .insert(invitations)
    .values({ orgId: user.orgId, userId: user.id, tokenHash: issued.hash, expiresAt, createdAt: now });
  return { token: issued.token, expiresAt };
}

/** What an admin is shown once: the member and the one-time link to set a password. */
function toInviteOutput(
  user: typeof users.$inferSelect,
  invite: { token: string; expiresAt: Date },
  publicUrl: string,
): z.infer<typeof inviteUserOutput> {
  return {
    user: toUserOutput(user),
    inviteToken: invite.token,
    inviteUrl: invitationUrl(publicUrl, invite.token),
    expiresAt: invite.expiresAt.toISOString(),
  };
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
  return toInviteOutput(user, invite, config.publicUrl);
}

/**
 * A lost or expired link: the invitations not yet accepted are revoked (their links stop working) and a
 * new one is issued. Never for someone with a password: a link would let its holder replace it.
 * The user's row is locked first, as accepting does: an acceptance and a new link queue up, and the
 * later one finds the other done (a password set, or the link it would accept gone).
 */
export async function reissueInvite(
  { db, clock, config, principal }: OrgDeps,
  input: z.infer<typeof reissueInviteInput>,
): Promise<z.infer<typeof inviteUserOutput>> {
  const now = clock.now();
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, principal.orgId), eq(users.id, input.userId), isNull(users.removedAt)))
    .for('update');
  if (!user) throw new DomainError('NOT_FOUND', 'no such user');
  if (await findPasswordHash(db, principal.orgId, user.id))
    throw new DomainError(
      'CONFLICT',
      `${user.email} has already set a password: a new link is only for members who have not signed in yet`,
    );
  await db
    .delete(invitations)
    .where(
      and(
        eq(invitations.orgId, principal.orgId),
        eq(invitations.userId, user.id),
        isNull(invitations.acceptedAt),
      ),
    );
  const invite = await createInvitation(db, user, now);
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'user.reissue_invite',
    tableName: 'users',
    rowId: user.id,
  });
  return toInviteOutput(user, invite, config.publicUrl);
}
