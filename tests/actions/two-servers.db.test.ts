import path from 'node:path';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../backend/trpc/app-router.ts';
import {
  killAllServers,
  makeDataDir,
  removeDataDir,
  type ServerProcess,
  startServe,
  waitForHealth,
} from '../process/support/cscx-process.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { type FakeGmail, startFakeGmail } from '../support/fakes/gmail-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { createTestDatabase, type TestDatabase, testTarget } from '../support/test-database.ts';
import { connectGoogleAt, googleEnv } from './actions-suite.ts';

const root = path.resolve(import.meta.dirname, '../..');
const emailCount = 30;

describe.runIf(testTarget() === 'postgres')('two cscx serve processes on one Postgres database', () => {
  let testDb: TestDatabase;
  let google: FakeGoogle;
  let gmail: FakeGmail;
  const dataDirs: string[] = [];
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    google = await startFakeGoogle();
    gmail = await startFakeGmail();
    testDb = await createTestDatabase();
    // One key for both: a connection sealed through one server is opened by the other.
    const env = { ...googleEnv(google, gmail), CSCX_SECRET_KEY: '22'.repeat(32), CSCX_RATE_LIMIT: '100000' };
    for (let i = 0; i < 2; i++) {
      const dataDir = makeDataDir();
      dataDirs.push(dataDir);
      const wrapper = [
        process.execPath,
        path.join(root, 'bin', 'run-ts.js'),
        path.join(root, 'tests', 'actions', 'support', 'serve-on-database.ts'),
        '--database-url',
        testDb.url ?? '',
      ];
      const server = await startServe(dataDir, env, wrapper);
      // One after the other: two first starts on an empty database race to create the first admin.
      await waitForHealth(server);
      servers.push(server);
    }
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    for (const dir of dataDirs) removeDataDir(dir);
    await testDb?.drop();
    await google?.close();
    await gmail?.close();
  });

  it(`send each of ${emailCount} approved emails exactly once between them`, async () => {
    const { db } = testDb.database;
    const org = await anOrg(db);
    const csm = await aMember(db, org, { role: 'csm' });
    const customer = await aCustomer(db, org);
    const clients = servers.map((server) =>
      createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${csm.token}` } })],
      }),
    );
    const [one, two] = clients;
    if (!one || !two) throw new Error('two servers were expected');
    await connectGoogleAt(google, csm, {
      start: () => one.connections.start.mutate({ provider: 'google' }),
      open: (pathAndQuery) => fetch(`${servers[0]?.url}${pathAndQuery}`),
    });
    const ids: string[] = [];
    for (let i = 0; i < emailCount; i++) {
      const client = i % 2 === 0 ? one : two;
      const proposed = await client.actions.propose.mutate({
        kind: 'email.send',
        customerId: customer.id,
        reason: `Reply ${i}`,
        payload: {
          to: ['dana@acme.example'],
          cc: [],
          references: [],
          subject: `Re: ${i}`,
          body: `Answer ${i}`,
        },
      });
      await client.actions.approve.mutate({ id: proposed.id });
      ids.push(proposed.id);
    }
    const doneCount = async () =>
      (await one.actions.list.query({ scope: 'mine', state: 'history', limit: 200 })).filter(
        (a) => a.status === 'done',
      ).length;
    await expect.poll(doneCount, { timeout: 60_000, interval: 250 }).toBe(emailCount);

    expect(gmail.sent).toHaveLength(emailCount);
    const messageIds = new Set(gmail.sent.map((m) => m.headers['message-id']));
    expect(messageIds.size).toBe(emailCount);
    for (const id of ids) expect([...messageIds].some((m) => m?.includes(id))).toBe(true);
  }, 120_000);
});
