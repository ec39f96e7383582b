import type postgres from 'postgres';
import type { Db } from './client.ts';

/** Statements with more parameters than this are bulk writes of varying shape: not worth caching. */
const maxPreparedParameters = 64;

/** Thrown when a transaction is used after it committed or rolled back. */
export class TransactionEndedError extends Error {
  constructor() {
    super(
      'this transaction has ended: work that outlives its request (a stream, a model call, a job) must open its own with inOrg()',
    );
    this.name = 'TransactionEndedError';
  }
}

/** Thrown when COMMIT answers ROLLBACK: a statement failed and the work carried on as if it had not. */
export class TransactionRolledBackError extends Error {
  constructor(cause: unknown) {
    super('the transaction was rolled back: one of its statements failed', { cause });
    this.name = 'TransactionRolledBackError';
  }
}

type Work = (tx: postgres.TransactionSql) => unknown;

/**
 * What a transaction's work returns when its first statement made the transaction read only
 * (`transaction_read_only` set LOCAL): then there is nothing for COMMIT to make durable, and it is
 * sent without being waited for (see readOnlyTransaction).
 */
class ReadOnlyOutcome {
  constructor(readonly value: unknown) {}
}

/**
 * A transaction whose work makes it read only with its first statement, and so writes nothing: the
 * answer to its COMMIT is not waited for, which saves a request one round trip to the database.
 * Unless a statement failed or is still running: then COMMIT's answer is awaited, and reports it,
 * as for any transaction.
 */
export async function readOnlyTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const outcome: unknown = await db.transaction(async (tx) => new ReadOnlyOutcome(await work(tx)));
  // The marker is taken off in runTransaction; a client without it hands it back as it is.
  return (outcome instanceof ReadOnlyOutcome ? outcome.value : outcome) as T;
}

/**
 * The client drizzle is given. Two things differ from postgres.js's own:
 *
 * - drizzle asks for unnamed statements, which postgres.js sends as two round trips (describe the
 *   parameters, then execute) and Postgres plans afresh every time. Named statements are one round
 *   trip once cached, and their plans are reused.
 * - A transaction waits one round trip less, and holds the connection one round trip less.
 *   postgres.js sends BEGIN and waits for it, and holds the connection until COMMIT has answered.
 *   Here BEGIN goes out with the transaction's first statement (postgres.js writes what is issued
 *   in one tick as one packet), and the connection is handed to the next transaction as soon as
 *   COMMIT is sent: its BEGIN queues behind our COMMIT on the same connection, while we still wait
 *   for COMMIT's answer before returning. On the embedded database every round trip wakes the
 *   worker thread and then this one (docs/benchmarks.md measures what that costs).
 * - COMMIT answering ROLLBACK (a statement failed and the work carried on) is an error, as
 *   postgres.js makes it one.
 * - A read-only transaction's COMMIT is not waited for at all (readOnlyTransaction).
 *
 * A transaction's handle refuses every statement once the transaction has ended: the connection is
 * someone else's by then, or back in the pool, outside any transaction and as the login role (a
 * superuser on the embedded database), where row-level security would do nothing.
 */
export function preferPreparedStatements(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') return preparedUnsafe(target, noCheck);
      if (property === 'begin') {
        return (...args: unknown[]) => {
          if (args.length !== 1) throw new Error('begin(options, …) is not supported: BEGIN must not fail');
          return runTransaction(target, args[0] as Work);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

const noCheck = (): void => {};

function preparedUnsafe(target: postgres.Sql, check: () => void) {
  return (
    query: string,
    parameters?: postgres.ParameterOrJSON<never>[],
    options?: postgres.UnsafeQueryOptions,
  ) => {
    check();
    const count = parameters?.length ?? 0;
    const prepare = count > 0 && count <= maxPreparedParameters;
    return target.unsafe(query, parameters, prepare ? { ...options, prepare: true } : options);
  };
}

interface Scope {
  ended: boolean;
  savepoints: number;
  /** Set when BEGIN failed: then no statement after the first may run (it would be outside a transaction). */
  beginFailure: unknown;
  /** The first statement that failed, for the error when COMMIT answers ROLLBACK. */
  firstFailure: unknown;
  /** Statements sent whose answer has not arrived. */
  inFlight: Set<Promise<unknown>>;
}

/** postgres.js hands a query to its connection one microtask after `execute()`: this waits for that. */
const handedOver = () => Promise.resolve();

async function runTransaction(sql: postgres.Sql, work: Work): Promise<unknown> {
  const connection = await sql.reserve();
  const scope: Scope = {
    ended: false,
    savepoints: 0,
    beginFailure: undefined,
    firstFailure: undefined,
    inFlight: new Set(),
  };
  // BEGIN is not waited for: the work's first statement goes out in the same packet. Every
  // transaction here starts with a statement that only sets roles and settings LOCAL (tenancy.ts),
  // so were BEGIN ever to fail, what ran outside a transaction would change nothing; the next
  // statement is refused.
  const opened = connection.unsafe('begin').execute();
  opened.then(noCheck, (error: unknown) => {
    scope.beginFailure = error ?? new Error('BEGIN failed');
  });
  let result: unknown;
  try {
    result = await work(transactionHandle(connection, scope, () => scope.ended));
    await opened;
  } catch (error) {
    scope.ended = true;
    await settled(scope);
    const rolledBack = connection.unsafe('rollback').execute();
    await handedOver();
    connection.release();
    await Promise.allSettled([opened, rolledBack]);
    throw error;
  }
  scope.ended = true;
  await settled(scope);
  const committing = connection.unsafe('commit').execute();
  await handedOver();
  // The next transaction may send its BEGIN behind our COMMIT now; we still wait for COMMIT's answer,
  // unless the transaction was read only and none of its statements failed.
  connection.release();
  if (result instanceof ReadOnlyOutcome && scope.firstFailure === undefined) {
    // Read only, nothing failed: COMMIT cannot lose anything the caller relies on. A connection
    // lost meanwhile fails the next transaction on it instead.
    committing.then(noCheck, noCheck);
    return result.value;
  }
  const committed = await committing;
  if (committed.command !== 'COMMIT') throw new TransactionRolledBackError(scope.firstFailure);
  return result instanceof ReadOnlyOutcome ? result.value : result;
}

/**
 * Waits for statements the work sent and did not wait for (one of a Promise.all that failed, say).
 * COMMIT or ROLLBACK issued while one runs would queue on the reserved connection behind it, and
 * postgres.js drops what is queued there when the connection is released: it would never be sent.
 */
async function settled(scope: Scope): Promise<void> {
  while (scope.inFlight.size > 0) await Promise.allSettled([...scope.inFlight]);
}

/** The reserved connection as drizzle's transaction client: `unsafe` and `savepoint`, refused once ended. */
function transactionHandle(
  connection: postgres.ReservedSql,
  scope: Scope,
  isEnded: () => boolean,
): postgres.TransactionSql {
  const check = (): void => {
    if (isEnded()) throw new TransactionEndedError();
    if (scope.beginFailure !== undefined) throw scope.beginFailure;
  };
  return new Proxy(connection, {
    apply(target, self, args) {
      check();
      return Reflect.apply(target, self, args);
    },
    get(target, property, receiver) {
      if (property === 'unsafe') {
        const unsafe = preparedUnsafe(target, check);
        return (...args: Parameters<typeof unsafe>) => {
          const query = unsafe(...args);
          // Runs it now, as awaiting it would (postgres.js starts a query when it is first awaited).
          const answered = query.then(
            () => {
              scope.inFlight.delete(answered);
            },
            (error: unknown) => {
              scope.inFlight.delete(answered);
              scope.firstFailure ??= error;
            },
          );
          scope.inFlight.add(answered);
          return query;
        };
      }
      if (property === 'savepoint') {
        return (...args: unknown[]) => {
          check();
          return runSavepoint(connection, scope, isEnded, args.pop() as Work);
        };
      }
      if (property === 'begin' || property === 'release') {
        return () => {
          throw new Error(`${String(property)}() inside a transaction: use a savepoint`);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  }) as unknown as postgres.TransactionSql;
}

/** drizzle's nested `tx.transaction()`: a savepoint, released, or rolled back to when the work fails. */
async function runSavepoint(
  connection: postgres.ReservedSql,
  scope: Scope,
  outerEnded: () => boolean,
  work: Work,
): Promise<unknown> {
  const name = `s${scope.savepoints++}`;
  let ended = false;
  await connection.unsafe(`savepoint ${name}`);
  try {
    const result = await work(transactionHandle(connection, scope, () => ended || outerEnded()));
    ended = true;
    await connection.unsafe(`release savepoint ${name}`);
    return result;
  } catch (error) {
    ended = true;
    await connection.unsafe(`rollback to savepoint ${name}`);
    throw error;
  }
}
