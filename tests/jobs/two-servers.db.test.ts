import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import { enqueueJob } from '../../backend/jobs/queue.ts';
import {
  killAllServers,
  makeDataDir,
  removeDataDir,
  type ServerProcess,
  startServe,
  waitForHealth,
} from '../process/support/cscx-process.ts';
import { anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase, testTarget } from '../support/test-database.ts';

/**
 * Two `cscx serve` processes on one Postgres database share its queue. (On the embedded database a
 * second server is refused by the data folder's lock: tests/process/start-and-cli.test.ts.)
 */
const root = path.resolve(import.meta.dirname, '../..');
const queue = 'test.record-run';
const jobCount = 200;

describe.runIf(testTarget() === 'postgres')('two cscx serve processes on one Postgres database', () => {
  let testDb: TestDatabase;
  const dataDirs: string[] = [];
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const { db } = testDb.database;
    await db.execute(sql`create table test_job_runs (job_id uuid not null, pid integer not null)`);
    await db.execute(sql`grant insert on test_job_runs to cscx_app`);
    for (let i = 0; i < 2; i++) {
      const dataDir = makeDataDir();
      dataDirs.push(dataDir);
      const wrapper = [
        process.execPath,
        path.join(root, 'bin', 'run-ts.js'),
        path.join(root, 'tests', 'jobs', 'support', 'serve-recording-runs.ts'),
        '--database-url',
        testDb.url!,
      ];
      const server = await startServe(dataDir, { CSCX_SECRET_KEY: '11'.repeat(32) }, wrapper);
      servers.push(server);
      // One after the other: two first starts on an empty database would both create the first admin.
      await waitForHealth(server);
    }
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    for (const dir of dataDirs) removeDataDir(dir);
    await testDb?.drop();
  });

  it('run each of 200 jobs exactly once between them, and stop cleanly on SIGTERM', async () => {
    const { db } = testDb.database;
    const org = await anOrg(db);
    await inOrg(db, org.id, async (tx) => {
      for (let i = 0; i < jobCount; i++)
        await enqueueJob(tx, { queue, orgId: org.id, payload: { holdMs: 10 } });
    });
    const done = async () => {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from jobs where queue = ${queue} and state = 'done'`,
      );
      return row?.n;
    };
    await expect.poll(done, { timeout: 60_000, interval: 250 }).toBe(jobCount);

    const runs = await db.execute<{ job_id: string; pid: number }>(
      sql`select job_id, pid from test_job_runs`,
    );
    expect(runs).toHaveLength(jobCount);
    expect(new Set(runs.map((run) => run.job_id)).size).toBe(jobCount);
    const perServer = servers.map((server) => runs.filter((run) => run.pid === server.pid).length);
    expect(
      perServer.every((n) => n > 0),
      `jobs run per server: ${perServer.join(', ')}`,
    ).toBe(true);

    for (const server of servers) server.signalGroup('SIGTERM');
    const exits = await Promise.all(servers.map((server) => server.exited));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  }, 90_000);
});
