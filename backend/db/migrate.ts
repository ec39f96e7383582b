import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Sql } from 'postgres';
import type { Database } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));
/**
 * Any constant: serialises set-up (migrations, then the first admin) when several instances start
 * against one Postgres. A session lock on a connection of its own is right there; on the embedded
 * database (one session, where such a lock is granted to everyone) only the process holding the
 * folder's `cscx.lock` ever sets up.
 */
const setupLockKey = 7_425_001;

/**
 * Runs `work` while this instance alone sets the database up: a second instance starting beside it
 * waits, then finds the migrations applied and the first admin made.
 */
export async function whileSettingUp<T>(database: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = database.singleConnection();
  try {
    await sql`select pg_advisory_lock(${setupLockKey})`;
    try {
      return await work(sql);
    } finally {
      await sql`select pg_advisory_unlock(${setupLockKey})`;
    }
  } finally {
    if (sql !== database.sql) await sql.end({ timeout: 5 });
  }
}

/** Applies the migrations not yet applied, on the set-up connection. */
export const applyMigrations = (sql: Sql) => migrate(drizzle(sql), { migrationsFolder });

export function migrateDatabase(database: Database): Promise<void> {
  return whileSettingUp(database, applyMigrations);
}
