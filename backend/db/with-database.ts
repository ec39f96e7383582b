import type { Config } from '../config.ts';
import { type Database, openDatabase } from './client.ts';
import { migrateDatabase } from './migrate.ts';

/**
 * For CLI commands: opens the database like the server does, or, while a server owns the embedded
 * data folder, reaches its database through the folder's socket. Another command holding the folder
 * is waited for (30 s at most).
 */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onWait: (owner) =>
      process.stderr.write(
        `waiting for another cscx command (pid ${owner.pid}) to finish with ${config.dataDir}…\n`,
      ),
  });
  try {
    if (!database.attached) await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}
