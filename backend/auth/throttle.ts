import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInAttempts } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';

/**
 * Password guessing is slowed without handing an attacker a way to lock the real user out (the policy
 * is in the README):
 * - one address from one IP: 5 failures in 15 minutes, then that pair waits until the oldest ages out;
 * - one IP: failures for 20 different addresses in 15 minutes (spraying), then that IP waits;
 * - one address from anywhere: 50 failures in an hour (guessing from many IPs), then only an IP that
 *   signed in to it within 30 days may still try — the real user keeps their way in.
 * A failure stays a day, a success 30 days (it is what makes an IP known).
 */
export const signInPolicy = {
  window: 15 * 60_000,
  perAddressAndIp: 5,
  perIpAddresses: 20,
  addressWindow: 60 * 60_000,
  perAddress: 50,
  knownIpFor: 30 * 86_400_000,
  keepFailures: 86_400_000,
};

export interface AttemptKey {
  emailHash: string;
  ip: string;
}

export interface ClaimedAttempt extends AttemptKey {
  id: string;
  at: Date;
}

interface Counts extends Record<string, unknown> {
  pair: number;
  spread: number;
  address: number;
  known: boolean;
}

/**
 * Counts the recent failures and records this attempt as one, in the caller's transaction, under
 * locks on the address and the IP: concurrent attempts cannot all pass the count before any is
 * recorded. The password is checked after this commits; `settleAttempt` then records a success.
 */
export async function claimAttempt(tx: Db, key: AttemptKey, now: Date): Promise<ClaimedAttempt> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`cscx-sign-in:${key.emailHash}`}, 0)),
    pg_advisory_xact_lock(hashtextextended(${`cscx-sign-in:${key.ip}`}, 0))`);
  // ISO text: drizzle hands raw parameters to postgres.js without its Date serialiser.
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const since = ago(signInPolicy.window);
  const addressSince = ago(signInPolicy.addressWindow);
  const knownSince = ago(signInPolicy.knownIpFor);
  const [counts] = await tx.execute<Counts>(sql`
    select
      (select count(*)::int from ${signInAttempts} where email_hash = ${key.emailHash} and ip = ${key.ip}
         and not succeeded and at > ${since}::timestamptz) as pair,
      (select count(distinct email_hash)::int from ${signInAttempts} where ip = ${key.ip}
         and not succeeded and at > ${since}::timestamptz) as spread,
      (select count(*)::int from ${signInAttempts} where email_hash = ${key.emailHash}
         and not succeeded and at > ${addressSince}::timestamptz) as address,
      exists (select 1 from ${signInAttempts} where email_hash = ${key.emailHash} and ip = ${key.ip}
         and succeeded and at > ${knownSince}::timestamptz) as known`);
  if (!counts) throw new Error('sign-in counts returned nothing');
  if (
    counts.pair >= signInPolicy.perAddressAndIp ||
    counts.spread >= signInPolicy.perIpAddresses ||
    (counts.address >= signInPolicy.perAddress && !counts.known)
  ) {
    throw new DomainError('TOO_MANY_REQUESTS', 'too many failed sign-ins: wait 15 minutes and try again');
  }
  const [row] = await tx
    .insert(signInAttempts)
    .values({ ...keyOf(key), succeeded: false, at: now })
    .returning({ id: signInAttempts.id });
  if (!row) throw new Error('sign-in attempt insert returned nothing');
  return { ...key, id: row.id, at: now };
}

/**
 * A right password clears the pair's history and is remembered as its one success (which makes the
 * IP known to the address). Old rows of this address and this IP go each time; a success also prunes
 * a bounded number of anyone's, so the table never keeps what the policy no longer reads.
 */
export async function settleAttempt(tx: Db, attempt: ClaimedAttempt, succeeded: boolean): Promise<void> {
  if (succeeded) {
    await tx
      .delete(signInAttempts)
      .where(and(eq(signInAttempts.emailHash, attempt.emailHash), eq(signInAttempts.ip, attempt.ip)));
    await tx.insert(signInAttempts).values({ ...keyOf(attempt), succeeded: true, at: attempt.at });
  }
  const expired = expiredAttempts(attempt.at);
  await tx
    .delete(signInAttempts)
    .where(
      and(or(eq(signInAttempts.emailHash, attempt.emailHash), eq(signInAttempts.ip, attempt.ip)), expired),
    );
  if (succeeded) {
    const anyones = tx.select({ id: signInAttempts.id }).from(signInAttempts).where(expired).limit(200);
    await tx.delete(signInAttempts).where(inArray(signInAttempts.id, anyones));
  }
}

const keyOf = ({ emailHash, ip }: AttemptKey): AttemptKey => ({ emailHash, ip });

function expiredAttempts(now: Date) {
  const failuresBefore = new Date(now.getTime() - signInPolicy.keepFailures);
  const successesBefore = new Date(now.getTime() - signInPolicy.knownIpFor);
  return or(
    and(eq(signInAttempts.succeeded, false), lt(signInAttempts.at, failuresBefore)),
    lt(signInAttempts.at, successesBefore),
  );
}
