import fs, { mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableNodeFS } from '../../backend/db/durable-node-fs.js';
import { embeddedStartParams } from '../../backend/db/embedded.ts';

/**
 * Counts the fsyncs PGlite makes by wrapping Node's own `fs.fsyncSync` (not one of our modules):
 * a SIGKILL keeps the page cache, so only this shows that a commit would survive a power loss.
 */
const realFsync = fs.fsyncSync;
afterEach(() => {
  fs.fsyncSync = realFsync;
  syncBuiltinESMExports();
});

async function fsyncsFor(commits: number, fsFor: (dir: string) => NodeFS): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cscx-fsync-'));
  const db = await PGlite.create({ fs: fsFor(dir), startParams: embeddedStartParams });
  try {
    await db.exec('create table writes (id serial primary key, v text)');
    let calls = 0;
    fs.fsyncSync = (fd) => {
      calls++;
      realFsync(fd);
    };
    syncBuiltinESMExports();
    for (let i = 0; i < commits; i++) await db.query('insert into writes (v) values ($1)', [`row ${i}`]);
    return calls;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('commits of the embedded database', { timeout: 120_000 }, () => {
  it('each reach the disk through fsync', async () => {
    expect(await fsyncsFor(20, (dir) => new DurableNodeFS(dir))).toBeGreaterThanOrEqual(20);
  });
  it('would not with PGlite’s stock NodeFS, whatever the fsync setting', async () => {
    expect(await fsyncsFor(20, (dir) => new NodeFS(dir))).toBe(0);
  });
});
