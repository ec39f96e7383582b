import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

describe('the cscx import command', () => {
  /** The real CLI, reaching this file's database: the embedded one through its socket (this process owns it). */
  function cscx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const target = testDb.url ? { DATABASE_URL: testDb.url } : { CSCX_DATA_DIR: testDb.dataDir };
    return new Promise((resolve) => {
      execFile('node', ['bin/cscx.js', ...args], { env: { ...env, ...target } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('imports a file, then refuses a bad one with each bad line on stderr and a failing exit code', async () => {
    const org = await anOrg(testDb.database.db, { name: `CLI import ${Date.now()}` });

    const ok = await cscx(['import', 'customers', 'docs/samples/customers.csv', '--org', org.name]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain('5 created, 0 updated, 0 unchanged');

    const badFile = path.join(os.tmpdir(), `cscx-bad-${process.pid}.csv`);
    writeFileSync(badFile, 'external_id,name,segment\nb-1,Fine,smb\nb-2,,smb\nb-3,Wrong,gold\n');
    const bad = await cscx(['import', 'customers', badFile, '--org', org.name]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${badFile}:3: name: required`);
    expect(bad.stderr).toContain(`${badFile}:4: segment:`);
    expect(bad.stderr).toContain('nothing imported');

    const skipped = await cscx(['import', 'customers', badFile, '--org', org.name, '--skip-invalid']);
    rmSync(badFile);
    expect(skipped).toMatchObject({ code: 0 });
    expect(skipped.stdout).toContain('1 created, 0 updated, 0 unchanged; 2 bad lines skipped');
  });
});
