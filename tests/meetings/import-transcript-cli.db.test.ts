import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

/** The real CLI, reaching this file's database: the embedded one through its socket (this process owns it). */
function cscx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const target = testDb.url ? { DATABASE_URL: testDb.url } : { CSCX_DATA_DIR: testDb.dataDir };
  const secret = { CSCX_SECRET_KEY: '07'.repeat(32), CSCX_AI_PROVIDER: 'local' };
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/cscx.js', ...args],
      { env: { ...env, ...target, ...secret } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('cscx import transcript FILE --meeting ID', () => {
  it('stores the file as the meeting’s call record, reports what it found, and changes nothing the second time', {
    timeout: 120_000,
  }, async () => {
    const db = testDb.database.db;
    const org = await anOrg(db, { name: `Transcript CLI ${Date.now()}` });
    await aMember(db, org, { role: 'admin' });
    const customer = await aCustomer(db, org, { name: 'Initech' });
    await aContact(db, org, customer.id, { name: 'Marco Ruiz', email: 'marco@initech.example' });
    const meeting = await anActivity(db, org, customer.id, { kind: 'meeting', subject: 'Initech QBR' });
    const args = [
      'import',
      'transcript',
      'tests/fixtures/transcripts/zoom-renewal-call.vtt',
      '--meeting',
      meeting.id,
    ];

    const first = await cscx([...args, '--org', org.name]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toContain('zoom-renewal-call.vtt: ');
    expect(first.stdout).toMatch(
      /call "Initech QBR" of Initech .*: created: \d+ decisions, \d+ action items/,
    );
    const rows = await inOrg(db, org.id, (tx) =>
      tx.execute<{ source: string; activity_id: string }>(
        sql`select source, activity_id from call_records where org_id = ${org.id}`,
      ),
    );
    expect(rows).toEqual([{ source: 'cli', activity_id: meeting.id }]);

    const again = await cscx([...args, '--org', org.name]);
    expect(again.stdout).toContain('nothing changed');
  });

  it('refuses a file with no speaker turns, and a missing file, with a failing exit code and nothing stored', {
    timeout: 120_000,
  }, async () => {
    const db = testDb.database.db;
    const org = await anOrg(db, { name: `Transcript CLI bad ${Date.now()}` });
    await aMember(db, org, { role: 'admin' });
    const customer = await aCustomer(db, org);
    const file = path.join(os.tmpdir(), `cscx-notes-${process.pid}.txt`);
    writeFileSync(file, 'these are notes without any speaker in them\n');

    const bad = await cscx(['import', 'transcript', file, '--customer', customer.id, '--org', org.name]);
    rmSync(file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('has no speaker turns');
    const missing = await cscx([
      'import',
      'transcript',
      '/nonexistent.vtt',
      '--customer',
      customer.id,
      '--org',
      org.name,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read /nonexistent.vtt');
    const usage = await cscx(['import', 'transcript', 'x.vtt', '--org', org.name]);
    expect(usage.stderr).toContain('usage: import transcript FILE');
  });
});
