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
    // Both at once, on an empty database: they must agree on who migrates and makes the first admin.
    const started = Array.from({ length: 2 }, async () => {
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
      await waitForHealth(server);
    });
    await Promise.all(started);
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    for (const dir of dataDirs) removeDataDir(dir);
    await testDb?.drop();
  });

  it('started together on an empty database, make one first admin between them', async () => {
    const users = await testDb.database.sql<{ email: string; role: string }[]>`
      select u.email, u.role::text as role from users u join orgs o on o.id = u.org_id where o.name = 'My team'`;
    expect(users).toEqual([{ email: 'admin@cscx.localhost', role: 'admin' }]);
    const printed = servers.filter((server) => server.stdout().includes('first admin:'));
    expect(printed).toHaveLength(1);
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
