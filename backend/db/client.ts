import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { embeddedPaths, lockDataDir, startEmbeddedServer } from './embedded.ts';
import { preferPreparedStatements } from './prepared-statements.ts';
import * as schema from './schema.ts';

/** A database handle or an open transaction: services accept either. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** True when another process owns the embedded data folder and we reached it through its socket. */
  attached: boolean;
  sql: postgres.Sql;
  /** A client on one connection, for work that needs a session of its own (migrations). */
  singleConnection(): postgres.Sql;
  db: Db;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
}

const silent = { onnotice: () => {} };

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    const sql = postgres(url, { max: 10, ...silent });
    const database = wrap('postgres', false, sql, async () => sql.end({ timeout: 5 }));
    return { ...database, singleConnection: () => postgres(url, { max: 1, ...silent }) };
  }
  const paths = embeddedPaths(options.dataDir);
  const lock = lockDataDir(paths);
  if (lock.kind === 'held') {
    const sql = embeddedClient(paths.socketPath);
    return wrap('pglite', true, sql, async () => sql.end({ timeout: 5 }));
  }
  try {
    const server = await startEmbeddedServer(paths);
    const sql = embeddedClient(server.socketPath);
    return wrap('pglite', false, sql, async () => {
      await sql.end({ timeout: 5 });
      await server.stop();
      lock.release();
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * One connection: PGlite is a single session, and a pool over its socket interleaves
 * statements of different transactions.
 */
function embeddedClient(socketPath: string): postgres.Sql {
  return postgres({ path: socketPath, max: 1, username: 'postgres', database: 'postgres', ...silent });
}

function wrap(
  kind: Database['kind'],
  attached: boolean,
  sql: postgres.Sql,
  close: () => Promise<void>,
): Database {
  return {
    kind,
    attached,
    sql,
    db: drizzle(preferPreparedStatements(sql), { schema }),
    close,
    singleConnection: () => sql,
  };
}
