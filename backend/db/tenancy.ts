import { sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import { resolvePrincipal } from '../auth/principal.ts';
import { createCallerQueue } from './caller-queue.ts';
import type { Database, Db } from './client.ts';
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
   * org; `work` is not called (and undefined returned) when the token is not valid.
   */
  asBearer<T>(
    token: string,
    now: Date,
    work: (tx: Db, principal: Principal) => Promise<T>,
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
  return {
    inAuthLookup: (work) => inAuthLookup(db, work, requestStatementTimeout),
    inOrg: (orgId, work) => inOrg(db, orgId, work, requestStatementTimeout),
    asBearer: (token, now, work) =>
      perToken.run(token, () =>
        db.transaction(async (tx) => {
          const principal = await resolvePrincipal(tx, token, now);
          if (!principal) return undefined;
          return { principal, result: await work(tx, principal) };
        }),
      ),
  };
}

/** For a job, or streamed work once its caller is known: the org id is all it carries. */
export function orgRunner(transactions: Transactions, orgId: string): OrgRunner {
  return { orgId, inOrg: (work) => transactions.inOrg(orgId, work) };
}
