import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  acceptInviteInput,
  changePasswordInput,
  describeInviteInput,
  describeInviteOutput,
  loginInput,
  loginOutput,
  meOutput,
} from '../../shared/api/auth.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { authTokens, invitations, users } from '../db/schema.ts';
import type { OrgDeps, PublicDeps, StreamingDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { RateLimits } from '../rate-limits/call-limiter.ts';
import { toOrgOutput, toUserOutput } from '../users/output.ts';
import { sessionLifetimeMs } from './principal.ts';
import {
  findOpenInvitation,
  findOrg,
  findPasswordHash,
  findSignInCandidates,
  findUser,
  insertToken,
  revokeUserTokens,
  storePassword,
} from './queries.ts';
import { emailHash, hashPassword, hashToken, issueToken, verifyNothing, verifyPassword } from './secrets.ts';
import { claimAttempt, settleAttempt } from './throttle.ts';

/**
 * Signs in with a password, throttled (throttle.ts) before any password is checked. Never tells
 * whether the address or the password was wrong.
 */
export async function signIn(
  { transactions, clock, limits }: PublicDeps,
  input: z.infer<typeof loginInput> & { ip: string },
): Promise<z.infer<typeof loginOutput>> {
  const now = clock.now();
  limitSignIns(limits, input.ip, now);
  const { attempt, candidates } = await transactions.inAuthLookup(async (tx) => ({
    attempt: await claimAttempt(tx, { emailHash: emailHash(input.email), ip: input.ip }, now),
    candidates: await findSignInCandidates(tx, input.email, input.orgId),
  }));
  const matches = await accountsWithPassword(candidates, input.password);
  await transactions.inAuthLookup((tx) => settleAttempt(tx, attempt, matches.length > 0));
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

/** Per address, before any password is hashed: a flood of sign-ins must not queue up scrypt work. */
function limitSignIns(limits: RateLimits, ip: string, now: Date): void {
  if (!limits.signIns.take(`ip:${ip}`, now.getTime()))
    throw new DomainError('TOO_MANY_REQUESTS', 'too many sign-ins from this address: wait a minute');
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

/**
 * A password change ends every other session and token of the user's. A wrong current password counts
 * as a failed sign-in (a token holder must not get an unthrottled password oracle). The two scrypt
 * runs happen between short transactions, never inside one.
 */
export async function changePassword(
  { inOrg, clock, principal }: StreamingDeps,
  input: z.infer<typeof changePasswordInput> & { ip: string },
): Promise<{ ok: true }> {
  const now = clock.now();
  const { attempt, hash } = await inOrg(async (tx) => ({
    attempt: await claimAttempt(tx, { emailHash: emailHash(principal.email), ip: input.ip }, now),
    hash: await findPasswordHash(tx, principal.orgId, principal.userId),
  }));
  const valid = hash ? await verifyPassword(input.currentPassword, hash) : false;
  await inOrg((tx) => settleAttempt(tx, attempt, valid));
  if (!valid) throw new DomainError('BAD_REQUEST', 'the current password is wrong');
  if (input.currentPassword === input.newPassword)
    throw new DomainError('BAD_REQUEST', 'choose a new password');
  const newHash = await hashPassword(input.newPassword);
  await inOrg(async (tx) => {
    await storePassword(tx, { id: principal.userId, orgId: principal.orgId }, newHash, now);
    await tx
      .update(users)
      .set({ mustChangePassword: false, updatedAt: now })
      .where(and(eq(users.orgId, principal.orgId), eq(users.id, principal.userId)));
    await revokeUserTokens(tx, { orgId: principal.orgId, userId: principal.userId }, now, principal.tokenId);
    await recordAudit(tx, {
      orgId: principal.orgId,
      actorUserId: principal.userId,
      action: 'user.change_password',
      tableName: 'users',
      rowId: principal.userId,
    });
  });
  return { ok: true };
}

const unusableInvitation = () =>
  new DomainError('BAD_REQUEST', 'this invitation link is invalid, used or expired');

/**
 * For the page an invitation link opens: the address it sets up and the org, without accepting it.
 * Any link that would not work gets the one refusal accepting gives, and the guesses count as
 * sign-ins: it tells nothing the link's holder does not already hold.
 */
export async function describeInvite(
  { transactions, clock, limits }: PublicDeps,
  input: z.infer<typeof describeInviteInput> & { ip: string },
): Promise<z.infer<typeof describeInviteOutput>> {
  const now = clock.now();
  limitSignIns(limits, input.ip, now);
  const described = await transactions.inAuthLookup(async (tx) => {
    const found = await findOpenInvitation(tx, hashToken(input.token), now);
    const org = found && (await findOrg(tx, found.user.orgId));
    return found && org ? { email: found.user.email, orgName: org.name } : null;
  });
  if (!described) throw unusableInvitation();
  return described;
}

/** Turns a one-time invitation link into a password and a signed-in session. */
export async function acceptInvite(
  { transactions, clock, limits }: PublicDeps,
  input: z.infer<typeof acceptInviteInput> & { ip: string },
): Promise<z.infer<typeof loginOutput>> {
  const now = clock.now();
  limitSignIns(limits, input.ip, now);
  const found = await transactions.inAuthLookup((tx) => findOpenInvitation(tx, hashToken(input.token), now));
  if (!found) throw unusableInvitation();
  const passwordHash = await hashPassword(input.password);
  const { user, invitation } = found;
  const session = await transactions.inOrg(user.orgId, async (tx) => {
    // Locked first, as a new link (users.reissueInvite) does: the two queue up rather than deadlock.
    await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)))
      .for('update');
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
    if (accepted.length !== 1) throw unusableInvitation();
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
