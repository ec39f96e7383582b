import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin, firstAdminEmail } from '../../backend/admin/first-run.ts';
import { whileSettingUp } from '../../backend/db/migrate.ts';
import { createTestDatabase, type TestDatabase, testTarget } from '../support/test-database.ts';

let testDb: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'cscx-first-run-'));
});
afterAll(async () => {
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const admins = () =>
  testDb.database.sql<{ email: string; role: string; must_change_password: boolean }[]>`
    select email, role::text as role, must_change_password from users`;

const firstRun = () =>
  whileSettingUp(testDb.database, () => ensureFirstAdmin(testDb.database.db, dataDir, new Date()));

describe('the first admin', () => {
  it.runIf(testTarget() === 'postgres')(
    'is made once when two instances set up an empty database at the same moment',
    async () => {
      const outcomes = await Promise.all([firstRun(), firstRun()]);
      expect(outcomes.filter((made) => made !== undefined)).toHaveLength(1);
      expect(await admins()).toEqual([{ email: firstAdminEmail, role: 'admin', must_change_password: true }]);
    },
  );

  it('gets a one-time password in a file only its owner reads, and a later start makes none', async () => {
    const made = (await firstRun()) ?? { credentialsPath: path.join(dataDir, 'initial-admin.txt') };
    expect(statSync(made.credentialsPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(made.credentialsPath, 'utf8')).toMatch(/^password: \S{24}$/m);
    expect(await firstRun()).toBeUndefined();
    expect(await admins()).toHaveLength(1);
  });
});
