import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));
/**
 * Any constant: serialises migrations when several instances start against one Postgres. A session
 * lock on a connection of its own is right there; on the embedded database (one session, where such a
 * lock is granted to everyone) only the process holding the folder's `cscx.lock` ever migrates.
 */
const migrationLockKey = 7_425_001;

export async function migrateDatabase(database: Database): Promise<void> {
  const sql = database.singleConnection();
  try {
    await sql`select pg_advisory_lock(${migrationLockKey})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${migrationLockKey})`;
    }
  } finally {
    if (sql !== database.sql) await sql.end({ timeout: 5 });
  }
}
