import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../backend/db/client.ts';
import { migrateDatabase } from '../../backend/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Embedded target: a migrated PGlite data folder that each test file copies. */
    templateDataDir: string;
    /** Real-server target: a migrated database that each test file clones. */
    templateDatabase: string;
  }
}

/** Migrates once per run; every test file then starts from a copy, so files never share rows. */
export async function setup(project: TestProject) {
  const target = project.config.env.CSCX_TEST_TARGET;
  if (target === 'postgres') {
    const url = process.env.CSCX_TEST_DATABASE_URL;
    // Fail, never skip. Vitest runs a project's global setup only when the run has files of it, so
    // `--project unit` or a narrowed file list that leaves out *.db.test.ts needs no server.
    if (!url)
      throw new Error(
        'CSCX_TEST_DATABASE_URL is not set: the db-postgres target needs a real PostgreSQL. Run `npm test` ' +
          '(it starts one; add `-- FILES` to narrow it), or leave the target out with --project db-embedded',
      );
    const name = `cscx_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const database = await openDatabase({ databaseUrl: withDatabaseName(url, name), dataDir: '' });
    await migrateDatabase(database);
    await database.close();
    project.provide('templateDatabase', name);
    project.provide('templateDataDir', '');
    return async () => {
      await dropDatabase(admin, name);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cscx-template-'));
  const database = await openDatabase({ dataDir: dir });
  await migrateDatabase(database);
  await database.sql`checkpoint`;
  await database.close();
  project.provide('templateDataDir', dir);
  project.provide('templateDatabase', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Drops a database of the run, ending the connections still on it. `with (force)` refuses when one
 * of them is an autovacuum worker (its role is none the test role belongs to: "must be a member of
 * the role whose process is being terminated"), which a freshly filled database may have; a plain
 * drop then asks the worker to stop itself, and waits for it.
 */
export async function dropDatabase(admin: postgres.Sql, name: string): Promise<void> {
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    await admin.unsafe(`drop database if exists ${name}`);
  }
}
