import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../backend/db/client.ts';
import { embeddedPaths } from '../../backend/db/embedded.ts';

let dataDir: string;
let database: Database;
const clients: postgres.Sql[] = [];

function client() {
  const sql = postgres({
    path: embeddedPaths(dataDir).socketPath,
    max: 1,
    username: 'postgres',
    onnotice: () => {},
  });
  clients.push(sql);
  return sql;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cscx-bridge-'));
  database = await openDatabase({ dataDir });
  await database.sql`create table notes (id int primary key, body text)`;
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 1 })));
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database socket', () => {
  it('keeps another connection out of an open transaction until it commits', async () => {
    const a = client();
    const b = client();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = a.begin(async (tx) => {
      await tx`insert into notes values (1, 'from a')`;
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let bSaw: unknown;
    const read = b`select count(*)::int as n from notes`.then((rows) => {
      bSaw = rows[0]?.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bSaw, 'b must not run inside a’s transaction').toBeUndefined();
    release();
    await transaction;
    await read;
    expect(bSaw).toBe(1);
  });

  it('rolls back the transaction of a client that disconnects, and serves the others', async () => {
    const a = client();
    const b = client();
    const abandoned = a.begin(async (tx) => {
      await tx`insert into notes values (2, 'abandoned')`;
      await new Promise(() => {});
    });
    abandoned.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    await a.end({ timeout: 0 });
    const rows = await b`select id from notes order by id`;
    expect(rows.map((r) => r.id)).toEqual([1]);
  });

  it('answers a failed statement with an error and keeps the connection usable', async () => {
    const a = client();
    await expect(a`select * from no_such_table`).rejects.toThrow(/no_such_table/);
    await expect(a`select ${'still here'}::text as reply`).resolves.toEqual([{ reply: 'still here' }]);
  });
});
