import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  acceptInviteInput,
  changePasswordInput,
  loginInput,
  loginOutput,
  meOutput,
} from '../../shared/api/auth.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { authTokens, invitations, users } from '../db/schema.ts';
import type { OrgDeps, PublicDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { toOrgOutput, toUserOutput } from '../users/output.ts';
import { sessionLifetimeMs } from './principal.ts';
import {
  countRecentFailures,
  findOpenInvitation,
  findOrg,
  findPasswordHash,
  findSignInCandidates,
  findUser,
  insertToken,
  recordSignInAttempt,
  revokeUserTokens,
  storePassword,
} from './queries.ts';
import { emailHash, hashPassword, hashToken, issueToken, verifyNothing, verifyPassword } from './secrets.ts';

const throttleWindowMs = 15 * 60 * 1000;
const maxFailuresPerAddress = 5;
const maxFailuresPerIp = 50;

/** Signs in with a password; throttled per address and per IP. Never tells which of the two was wrong. */
export async function signIn(
  { transactions, clock }: PublicDeps,
  input: z.infer<typeof loginInput> & { ip: string },
): Promise<z.infer<typeof loginOutput>> {
  const now = clock.now();
  const addressHash = emailHash(input.email);
  const since = new Date(now.getTime() - throttleWindowMs);
  const candidates = await transactions.inAuthLookup(async (tx) => {
    // Issued together: one transaction pipelines them into a single round trip.
    const [byAddress, byIp] = await Promise.all([
      countRecentFailures(tx, { emailHash: addressHash }, since),
      countRecentFailures(tx, { ip: input.ip }, since),
    ]);
    if (byAddress >= maxFailuresPerAddress || byIp >= maxFailuresPerIp) {
      throw new DomainError('TOO_MANY_REQUESTS', 'too many failed sign-ins: wait 15 minutes and try again');
    }
    return findSignInCandidates(tx, input.email, input.orgId);
  });
  const matches = await accountsWithPassword(candidates, input.password);
  const valid = matches.length > 0;
  await transactions.inAuthLookup((tx) =>
    recordSignInAttempt(tx, { emailHash: addressHash, ip: input.ip, succeeded: valid, at: now }),
  );
  const [match, ...others] = matches;
  if (!match) throw new DomainError('UNAUTHORIZED', 'wrong email or password');
  if (others.length > 0) {
    // Only someone who holds the password of each account learns the orgs they are in.
    const orgs = matches.map((m) => `${m.orgName} (${m.user.orgId})`).join(', ');
    throw new DomainError(
      'BAD_REQUEST',
      `this address is a member of several orgs: choose one (orgId): ${orgs}`,
    );
  }
  const { user } = match;
  const session = await transactions.inOrg(user.orgId, (tx) => startSession(tx, user, now));
  return { ...session, mustChangePassword: user.mustChangePassword };
}

/** The accounts whose password this is; as slow for an unknown address as for a known one. */
async function accountsWithPassword<T extends { hash: string }>(
  accounts: T[],
  password: string,
): Promise<T[]> {
  if (accounts.length === 0) {
    await verifyNothing(password);
    return [];
  }
  const matches: T[] = [];
  for (const account of accounts) if (await verifyPassword(password, account.hash)) matches.push(account);
  return matches;
}

export async function signOut({ db, clock, principal }: OrgDeps): Promise<{ ok: true }> {
  await db
    .update(authTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(authTokens.orgId, principal.orgId), eq(authTokens.id, principal.tokenId)));
  return { ok: true };
}

export async function describeMe({ db, principal }: OrgDeps): Promise<z.infer<typeof meOutput>> {
  const [user, org] = await Promise.all([
    findUser(db, principal.orgId, principal.userId),
    findOrg(db, principal.orgId),
  ]);
  if (!user || !org) throw new DomainError('UNAUTHORIZED', 'the account no longer exists');
  return { user: toUserOutput(user), org: toOrgOutput(org), tokenKind: principal.tokenKind };
}

/** A password change ends every other session and token of the user's. */
export async function changePassword(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof changePasswordInput>,
): Promise<{ ok: true }> {
  const hash = await findPasswordHash(db, principal.orgId, principal.userId);
  const valid = hash ? await verifyPassword(input.currentPassword, hash) : false;
  if (!valid) throw new DomainError('BAD_REQUEST', 'the current password is wrong');
  if (input.currentPassword === input.newPassword)
    throw new DomainError('BAD_REQUEST', 'choose a new password');
  const now = clock.now();
  await storePassword(
    db,
    { id: principal.userId, orgId: principal.orgId },
    await hashPassword(input.newPassword),
    now,
  );
  await db
    .update(users)
    .set({ mustChangePassword: false, updatedAt: now })
    .where(and(eq(users.orgId, principal.orgId), eq(users.id, principal.userId)));
  await revokeUserTokens(db, { orgId: principal.orgId, userId: principal.userId }, now, principal.tokenId);
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'user.change_password',
    tableName: 'users',
    rowId: principal.userId,
  });
  return { ok: true };
}

/** Turns a one-time invitation link into a password and a signed-in session. */
export async function acceptInvite(
  { transactions, clock }: PublicDeps,
  input: z.infer<typeof acceptInviteInput>,
): Promise<z.infer<typeof loginOutput>> {
  const now = clock.now();
  const found = await transactions.inAuthLookup((tx) => findOpenInvitation(tx, hashToken(input.token), now));
  if (!found) throw new DomainError('BAD_REQUEST', 'this invitation link is invalid, used or expired');
  const passwordHash = await hashPassword(input.password);
  const { user, invitation } = found;
  const session = await transactions.inOrg(user.orgId, async (tx) => {
    const accepted = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(invitations.orgId, user.orgId),
          eq(invitations.id, invitation.id),
          isNull(invitations.acceptedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (accepted.length !== 1)
      throw new DomainError('BAD_REQUEST', 'this invitation link is invalid, used or expired');
    await storePassword(tx, user, passwordHash, now);
    await tx
      .update(users)
      .set({ mustChangePassword: false, updatedAt: now, ...(input.name ? { name: input.name } : {}) })
      .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
    await recordAudit(tx, {
      orgId: user.orgId,
      actorUserId: user.id,
      action: 'user.accept_invite',
      tableName: 'users',
      rowId: user.id,
    });
    return startSession(tx, user, now);
  });
  return { ...session, mustChangePassword: false };
}

/** A sign-in session: 30 days, sliding with use (see principal.ts). */
async function startSession(tx: Db, user: { id: string; orgId: string }, now: Date) {
  const issued = issueToken('session');
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await insertToken(tx, {
    orgId: user.orgId,
    userId: user.id,
    kind: 'session',
    name: 'sign-in',
    prefix: issued.prefix,
    tokenHash: issued.hash,
    expiresAt,
    lastUsedAt: now,
  });
  return { token: issued.token, expiresAt: expiresAt.toISOString() };
}
