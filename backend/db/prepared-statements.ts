import type postgres from 'postgres';

/** Statements with more parameters than this are bulk writes of varying shape: not worth caching. */
const maxPreparedParameters = 64;

/**
 * drizzle asks postgres.js for unnamed statements, which postgres.js sends as two round trips
 * (describe the parameters, then execute) and Postgres plans afresh every time. Named statements
 * are one round trip once cached, and their plans are reused. Transactions get the same treatment.
 */
export function preferPreparedStatements<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (
          query: string,
          parameters?: postgres.ParameterOrJSON<never>[],
          options?: postgres.UnsafeQueryOptions,
        ) => {
          const count = parameters?.length ?? 0;
          const prepare = count > 0 && count <= maxPreparedParameters;
          return target.unsafe(query, parameters, prepare ? { ...options, prepare: true } : options);
        };
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const wrapped = (tx: postgres.TransactionSql) => work(preferPreparedStatements(tx));
          return ((target as postgres.Sql).begin as (...a: unknown[]) => unknown)(...args, wrapped);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
