import { sql } from 'drizzle-orm';
import {
  isSamePrincipal,
  type Principal,
  type ResolvedToken,
  resolvePrincipal,
  resolvePrincipalForReading,
} from '../auth/principal.ts';
import { hashToken } from '../auth/secrets.ts';
import { createCallerQueue } from './caller-queue.ts';
import type { Database, Db } from './client.ts';
import { createKnownPrincipals, type KnownPrincipals } from './known-principals.ts';
import { readOnlyTransaction } from './prepared-statements.ts';
import { requestStatementTimeout } from './statement-timeout.ts';

/**
 * Row-level security does the last line of tenancy: inside a transaction we drop from the login
 * role to `cscx_app` and name the org. Only the `true`/LOCAL forms: PGlite is one shared session.
 */
async function enterOrg(tx: Db, orgId: string, timeout: string): Promise<void> {
  await tx.execute(
    sql`select set_config('role', 'cscx_app', true), set_config('app.org_id', ${orgId}, true), set_config('statement_timeout', ${timeout}, true)`,
  );
}

/** Before the org is known (resolving a token, signing in): a role that may only read credentials. */
async function enterAuthLookup(tx: Db, timeout: string): Promise<void> {
  await tx.execute(
    sql`select set_config('role', 'cscx_auth', true), set_config('app.org_id', '', true), set_config('statement_timeout', ${timeout}, true)`,
  );
}

/** The CLI's imports and seeding run long statements: no timeout but the server's own. */
const noTimeout = '0';

export function inOrg<T>(
  db: Db,
  orgId: string,
  work: (tx: Db) => Promise<T>,
  timeout = noTimeout,
): Promise<T> {
  return db.transaction(async (tx) => {
    await enterOrg(tx, orgId, timeout);
    return work(tx);
  });
}

export function inAuthLookup<T>(db: Db, work: (tx: Db) => Promise<T>, timeout = noTimeout): Promise<T> {
  return db.transaction(async (tx) => {
    await enterAuthLookup(tx, timeout);
    return work(tx);
  });
}

/** Short transactions of one org: what streamed work and jobs are handed instead of a database. */
export interface OrgRunner {
  orgId: string;
  inOrg<T>(work: (tx: Db) => Promise<T>): Promise<T>;
}

/**
 * Every way a request may open a transaction, and none that runs as the login role: what the tRPC
 * bases are built on. The `Database` itself never reaches a procedure.
 */
export interface Transactions {
  inAuthLookup<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  inOrg<T>(orgId: string, work: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Resolves a bearer token and, in the same transaction, runs `work` as `cscx_app` in the token's
   * org; undefined is returned when the token is not valid.
   *
   * `access: 'read'` runs `work` in a read-only transaction and lets it start before the token has
   * resolved, with the principal it resolved to last time (readWithGuess): `work` may then run with
   * a principal that turns out wrong, its result thrown away, and run again with the right one. So
   * it must do nothing outside the transaction that matters twice. Only what it returns with the
   * right principal is returned.
   */
  asBearer<T>(
    token: string,
    now: Date,
    work: (tx: Db, principal: Principal) => Promise<T>,
    access?: 'read' | 'write',
  ): Promise<{ principal: Principal; result: T } | undefined>;
}

/**
 * How many transactions one token may have waiting for the database at once; its other calls wait
 * their turn here. The embedded database runs one transaction at a time, so a batch of ten calls
 * would otherwise put ten transactions ahead of every other org's next call (the flood row of
 * `npm run bench`). A real server runs several at once: a token may use a few of its connections.
 */
const inFlightPerToken = { pglite: 1, postgres: 4 } as const;

export function transactionsOf(database: Database): Transactions {
  const { db } = database;
  const perToken = createCallerQueue(inFlightPerToken[database.kind]);
  const known = createKnownPrincipals();
  return {
    inAuthLookup: (work) => inAuthLookup(db, work, requestStatementTimeout),
    inOrg: (orgId, work) => inOrg(db, orgId, work, requestStatementTimeout),
    asBearer: (token, now, work, access = 'write') =>
      perToken.run(token, async () => {
        const bearer = { db, known, tokenHash: hashToken(token), token, now };
        const guess = access === 'read' ? known.guess(bearer.tokenHash, now) : undefined;
        if (guess) {
          const read = await readWithGuess(bearer, guess, work);
          if (read !== guessedWrong) return read;
        }
        return resolveThenWork(bearer, work, access);
      }),
  };
}

interface Bearer {
  db: Db;
  known: KnownPrincipals;
  token: string;
  tokenHash: string;
  now: Date;
}

type Outcome<T> = { principal: Principal; result: T } | undefined;

/** The principal resolved, the use recorded when due, then the work: two round trips at least. */
async function resolveThenWork<T>(
  { db, known, token, tokenHash, now }: Bearer,
  work: (tx: Db, principal: Principal) => Promise<T>,
  access: 'read' | 'write',
): Promise<Outcome<T>> {
  const outcome = await db.transaction(async (tx) => {
    const resolved = await resolvePrincipal(tx, token, now);
    if (!resolved) return undefined;
    known.remember(tokenHash, resolved);
    // Sent now (`then` sends it), ahead of the work's first statement and not waited for on its own.
    const readOnly = access === 'read' ? tx.execute(readOnlyFromHere).then(() => undefined) : undefined;
    const [result] = await Promise.all([work(tx, resolved.principal), readOnly]);
    return { principal: resolved.principal, result };
  });
  if (!outcome) known.forget(tokenHash);
  return outcome;
}

/**
 * After the token's use is recorded, the rest of a read's transaction is read only. That record is
 * its one write, and not worth waiting for the disk: a crash can lose it, which only leaves
 * `last_used_at` (and a session's sliding expiry) where it was a minute before.
 */
const readOnlyFromHere = sql`select set_config('transaction_read_only', 'on', true), set_config('synchronous_commit', 'off', true)`;

const guessedWrong = Symbol('guessed wrong');

/** Thrown inside readWithGuess's transaction to roll it back. */
class GuessMissed extends Error {
  constructor(readonly resolved: ResolvedToken | undefined) {
    super('the token did not resolve to the principal guessed');
  }
}

/**
 * A read in one round trip: BEGIN, the token's resolution and the work's first statement go out
 * together, and COMMIT is not waited for. The work starts with the principal the token resolved to
 * last time; the resolution, in the same transaction, says whether that still holds. When it does
 * not, the work's result is thrown away: a token that no longer resolves fails the transaction
 * before the work's statements run (resolvePrincipalForReading), and one whose principal changed
 * (role, org domains, password to change) is run again with what it resolved to now.
 */
async function readWithGuess<T>(
  { db, known, token, tokenHash, now }: Bearer,
  guess: Principal,
  work: (tx: Db, principal: Principal) => Promise<T>,
): Promise<Outcome<T> | typeof guessedWrong> {
  try {
    return await readOnlyTransaction(db, async (tx) => {
      const [resolution, worked] = await Promise.allSettled([
        resolvePrincipalForReading(tx, token, now),
        work(tx, guess),
      ]);
      if (resolution.status === 'rejected') throw resolution.reason;
      const resolved = resolution.value;
      if (!resolved || !isSamePrincipal(resolved.principal, guess)) throw new GuessMissed(resolved);
      known.remember(tokenHash, resolved);
      if (worked.status === 'rejected') throw worked.reason;
      return { principal: resolved.principal, result: worked.value };
    });
  } catch (error) {
    if (!(error instanceof GuessMissed)) throw error;
    if (!error.resolved) {
      known.forget(tokenHash);
      return undefined;
    }
    return guessedWrong;
  }
}

/** For a job, or streamed work once its caller is known: the org id is all it carries. */
export function orgRunner(transactions: Transactions, orgId: string): OrgRunner {
  return { orgId, inOrg: (work) => transactions.inOrg(orgId, work) };
}
