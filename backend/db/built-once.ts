import { PostgresJsSession } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Db } from './client.ts';

/**
 * A statement whose text is built once and kept, sent with positional parameters through the
 * transaction's (or the database's) postgres.js client, as drizzle would send it. drizzle builds a
 * query's text again on every call: for the context lookup, a statement of a dozen sub-queries, that
 * cost more than a quarter of what Postgres took to run it (docs/benchmarks.md).
 *
 * Rows come back as postgres.js reads them, keyed by column name: none of drizzle's mapping.
 * The statement is sent before this returns, so statements sent after it follow it.
 */
export function runBuiltStatement<Row extends Record<string, unknown>>(
  db: Db,
  text: string,
  params: unknown[],
): Promise<Row[]> {
  const session = db._.session;
  if (!(session instanceof PostgresJsSession)) throw new Error('a built statement runs on postgres.js only');
  session.logger.logQuery(text, params);
  const client = session.client as postgres.Sql;
  return client.unsafe<Row[]>(text, params as postgres.ParameterOrJSON<never>[]).then((rows) => rows);
}
