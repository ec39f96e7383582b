import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../backend/db/client.ts';
import { dropDatabase, withDatabaseName } from './global-setup.ts';

export type TestTarget = 'embedded' | 'postgres';

export function testTarget(): TestTarget {
  return process.env.CSCX_TEST_TARGET === 'postgres' ? 'postgres' : 'embedded';
}

export interface TestDatabase {
  database: Database;
  /** Where the embedded copy lives (empty for the real-server target). */
  dataDir: string;
  /** The URL of the cloned database (real-server target only). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A database of this test file's own, cloned from the run's migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testTarget() === 'postgres') {
    const baseUrl = process.env.CSCX_TEST_DATABASE_URL!;
    const name = `cscx_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
    const url = withDatabaseName(baseUrl, name);
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    return {
      database,
      dataDir: '',
      url,
      async drop() {
        await database.close();
        await dropDatabase(admin, name);
        await admin.end();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cscx-test-'));
  cpSync(inject('templateDataDir'), dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  return {
    database,
    dataDir,
    url: undefined,
    async drop() {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
