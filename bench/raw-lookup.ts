import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { resolvePrincipal } from '../backend/auth/principal.ts';
import type { Clock } from '../backend/clock.ts';
import type { Config } from '../backend/config.ts';
import { getCustomerContext } from '../backend/customers/context.ts';
import type { Database, Db } from '../backend/db/client.ts';
import { preferPreparedStatements } from '../backend/db/prepared-statements.ts';
import { transactionsOf } from '../backend/db/tenancy.ts';
import type { OrgDeps } from '../backend/deps.ts';
import type { RateLimits } from '../backend/rate-limits/call-limiter.ts';
import { createSecretBox } from '../backend/secrets/secret-box.ts';
import { contextLookupInput } from '../shared/api/customers.ts';
import { benchSecretKey } from './secret-key.ts';
import { type Summary, summarise } from './stats.ts';

export interface Statement {
  query: string;
  params: unknown[];
}

/**
 * The statements `customers.context` sends for each input, after the token is resolved: recorded
 * by running the service itself (the same code the procedure runs) on a logging drizzle instance.
 */
export async function recordContextStatements(
  database: Database,
  token: string,
  clock: Clock,
  /** What the bench sends to `customers.context`, before the procedure's own parsing. */
  inputs: unknown[],
): Promise<Statement[][]> {
  let recording: Statement[] | undefined;
  const logger: Logger = { logQuery: (query, params) => recording?.push({ query, params }) };
  const db: Db = drizzle(preferPreparedStatements(database.sql), { logger });
  const recorded: Statement[][] = [];
  for (const input of inputs) {
    await db.transaction(async (tx) => {
      const principal = (await resolvePrincipal(tx, token, clock.now()))?.principal;
      if (!principal) throw new Error('the bench token did not resolve');
      recording = [];
      const deps: OrgDeps = {
        db: tx,
        principal,
        clock,
        log: silentLog,
        config: noConfig,
        limits: noLimits,
        secrets: createSecretBox(benchSecretKey),
      };
      await getCustomerContext(deps, contextLookupInput.parse(input));
      recorded.push(recording);
      recording = undefined;
    });
  }
  return recorded;
}

/** The service reads none of these on a lookup. */
const silentLog = undefined as unknown as OrgDeps['log'];
const noConfig = undefined as unknown as Config;
const noLimits = undefined as unknown as RateLimits;

export interface RawLookupTimings {
  /** BEGIN, the role and org set LOCAL, the lookup's statements, COMMIT: postgres.js's own transaction. */
  transaction: Summary;
  /** The lookup's statements alone, inside that transaction. */
  statements: Summary;
  /** The lookup as a request runs it, without HTTP and tRPC (measureRawLookups's `asRequest`). */
  asRequest: Summary | undefined;
  /** Lookups per second, one after the other on the one session. */
  perSecond: number;
  /** The statements' times themselves, to be merged with another run's. */
  statementSamples: number[];
}

/**
 * The floor under `customers.context`: the same statements through the same socket and driver,
 * with no HTTP, tRPC, token resolution or result mapping. Prepared as the app prepares them, and
 * sent one after another without waiting in between, as the app sends them.
 *
 * `asRequest`, when given, runs the same lookup as a request's transaction runs it (see
 * lookUpAsRequest), interleaved with the floor's so that drift hits both alike.
 */
export async function measureRawLookups(
  sql: postgres.Sql,
  orgId: string,
  calls: Statement[][],
  warmUp: number,
  asRequest?: (call: number) => Promise<unknown>,
): Promise<RawLookupTimings> {
  const transactions: number[] = [];
  const statementTimes: number[] = [];
  const requestTimes: number[] = [];
  let measuredMs = 0;
  for (const [i, statements] of calls.entries()) {
    const started = performance.now();
    let inStatements = 0;
    await sql.begin(async (tx) => {
      await tx.unsafe(enterOrg, [orgId], { prepare: true });
      const first = performance.now();
      await Promise.all(
        statements.map(({ query, params }) => {
          const prepare = params.length > 0 && params.length <= 64;
          return tx.unsafe(query, params as postgres.ParameterOrJSON<never>[], { prepare });
        }),
      );
      inStatements = performance.now() - first;
    });
    const elapsed = performance.now() - started;
    const requestStarted = performance.now();
    if (asRequest) await asRequest(i);
    const requestElapsed = performance.now() - requestStarted;
    if (i < warmUp) continue;
    transactions.push(elapsed);
    statementTimes.push(inStatements);
    requestTimes.push(requestElapsed);
    measuredMs += elapsed;
  }
  return {
    transaction: summarise(transactions),
    statements: summarise(statementTimes),
    asRequest: asRequest ? summarise(requestTimes) : undefined,
    perSecond: transactions.length / (measuredMs / 1000),
    statementSamples: statementTimes,
  };
}

/**
 * `customers.context` as its request runs it, without HTTP and tRPC: the token resolved and the
 * service run in the request's read transaction (its first packet carries BEGIN, the resolution and
 * the lookup; COMMIT is not waited for).
 */
export function lookUpAsRequest(database: Database, token: string, clock: Clock, inputs: unknown[]) {
  const transactions = transactionsOf(database);
  const parsed = inputs.map((input) => contextLookupInput.parse(input));
  return (call: number) => {
    const input = parsed[call % parsed.length];
    if (!input) throw new Error('no lookups to run');
    return transactions.asBearer(
      token,
      clock.now(),
      (tx, principal) =>
        getCustomerContext(
          {
            db: tx,
            principal,
            clock,
            log: silentLog,
            config: noConfig,
            limits: noLimits,
            secrets: createSecretBox(benchSecretKey),
          },
          input,
        ),
      'read',
    );
  };
}

const enterOrg = `select set_config('role', 'cscx_app', true), set_config('app.org_id', $1, true)`;
