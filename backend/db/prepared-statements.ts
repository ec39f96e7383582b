import type postgres from 'postgres';

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

/**
 * drizzle asks postgres.js for unnamed statements, which postgres.js sends as two round trips
 * (describe the parameters, then execute) and Postgres plans afresh every time. Named statements
 * are one round trip once cached, and their plans are reused. Transactions get the same treatment.
 *
 * A transaction's handle also refuses every statement once the transaction has ended: postgres.js
 * would otherwise run it on the released connection, outside any transaction and as the login role
 * (a superuser on the embedded database), so row-level security would do nothing.
 */
export function preferPreparedStatements<T extends postgres.Sql | postgres.TransactionSql>(
  sql: T,
  isEnded: () => boolean = () => false,
): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (
          query: string,
          parameters?: postgres.ParameterOrJSON<never>[],
          options?: postgres.UnsafeQueryOptions,
        ) => {
          if (isEnded()) throw new TransactionEndedError();
          const count = parameters?.length ?? 0;
          const prepare = count > 0 && count <= maxPreparedParameters;
          return target.unsafe(query, parameters, prepare ? { ...options, prepare: true } : options);
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          if (isEnded()) throw new TransactionEndedError();
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          let ended = false;
          const wrapped = async (tx: postgres.TransactionSql) => {
            try {
              return await work(preferPreparedStatements(tx, () => ended || isEnded()));
            } finally {
              ended = true;
            }
          };
          const open = Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown;
          return open.call(target, ...args, wrapped);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
