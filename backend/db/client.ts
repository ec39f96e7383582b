import { existsSync } from 'node:fs';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { DomainError } from '../domain-error.ts';
import { type AcquiredLock, type DataDirLock, type LockOwner, lockDataDir } from './data-dir-lock.ts';
import { type EmbeddedPaths, embeddedPaths, startEmbeddedServer } from './embedded.ts';
import { preferPreparedStatements } from './prepared-statements.ts';
import { serverUrlOf } from './server-file.ts';

/**
 * A database handle or an open transaction: services accept either. Without drizzle's relational
 * queries (`db.query.…`): nothing uses them, and a handle built with the schema makes a query
 * builder for every table each time a transaction opens (docs/benchmarks.md).
 */
export type Db = PgDatabase<PostgresJsQueryResultHKT>;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** True when another process owns the embedded data folder and we reached it through its socket. */
  attached: boolean;
  /** The public address of the server we attached to, when it wrote one (`server.json`). */
  serverUrl: string | undefined;
  sql: postgres.Sql;
  /** A client on one connection, for work that needs a session of its own (migrations). */
  singleConnection(): postgres.Sql;
  db: Db;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** The folder's lock, when the caller took it already (the server takes it before it listens). */
  lock?: AcquiredLock | undefined;
  /** Told once when another cscx command holds the folder and we wait for it to finish. */
  onWait?: ((owner: LockOwner) => void) | undefined;
}

/** How long a command waits for another command that holds the data folder (a server waits as long). */
export const commandWaitMs = 30_000;

const silent = { onnotice: () => {} };

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    const sql = postgres(url, { max: 10, ...silent });
    const database = wrap('postgres', undefined, sql, async () => sql.end({ timeout: 5 }));
    return { ...database, singleConnection: () => postgres(url, { max: 1, ...silent }) };
  }
  const paths = embeddedPaths(options.dataDir);
  const lock = options.lock ?? (await lockOrFindSocket(paths, options.onWait));
  if (lock.kind === 'held') {
    const { pid, holder } = lock.owner;
    if (holder === 'command' && !existsSync(paths.socketPath))
      throw new DomainError(
        'CONFLICT',
        `another cscx command (pid ${pid}) is still using ${paths.dataDir} after ${commandWaitMs / 1000} s`,
      );
    // Reach its database through its socket, and a server's address through server.json.
    const sql = embeddedClient(paths.socketPath);
    return wrap('pglite', { serverUrl: serverUrlOf(paths, pid) }, sql, async () => sql.end({ timeout: 5 }));
  }
  try {
    const server = await startEmbeddedServer(paths);
    const sql = embeddedClient(server.socketPath);
    return wrap('pglite', undefined, sql, async () => {
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
  attachedTo: { serverUrl: string | undefined } | undefined,
  sql: postgres.Sql,
  close: () => Promise<void>,
): Database {
  return {
    kind,
    attached: attachedTo !== undefined,
    serverUrl: attachedTo?.serverUrl,
    sql,
    db: drizzle(preferPreparedStatements(sql)),
    close,
    singleConnection: () => sql,
  };
}

/**
 * The folder's lock, or its holder when that one serves the database on the folder's socket (a
 * server, or a long-lived command such as a test harness). Another command may hold the folder for a
 * moment before its socket is up, or without one: then wait, up to `commandWaitMs`, until either the
 * socket appears or the lock comes free.
 */
async function lockOrFindSocket(
  paths: EmbeddedPaths,
  onWait: ((owner: LockOwner) => void) | undefined,
): Promise<DataDirLock> {
  const deadline = Date.now() + commandWaitMs;
  let told = false;
  for (;;) {
    const lock = await lockDataDir(paths, { holder: 'command' });
    if (lock.kind === 'acquired' || lock.owner.holder !== 'command' || existsSync(paths.socketPath))
      return lock;
    if (Date.now() >= deadline) return lock;
    if (!told) onWait?.(lock.owner);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
