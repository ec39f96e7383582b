import { createTRPCClient, httpLink } from '@trpc/client';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../backend/db/client.ts';
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
import { connectGoogleAt, googleEnv } from './actions-suite.ts';

/**
 * `cscx serve` as a user starts it, its worker SIGKILLed the moment the fake Gmail has stored the
 * message and before the answer reaches it: the action is left executing and its job running. The
 * server is started again, and the fake must still hold one message.
 */
let google: FakeGoogle;
let gmail: FakeGmail;
let dataDir: string;

beforeAll(async () => {
  google = await startFakeGoogle();
  gmail = await startFakeGmail();
  dataDir = makeDataDir();
});
afterEach(killAllServers);
afterAll(async () => {
  removeDataDir(dataDir);
  await google?.close();
  await gmail?.close();
});

const clientOf = (server: ServerProcess, token: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });

async function started(): Promise<ServerProcess> {
  const server = await startServe(dataDir, {
    ...googleEnv(google, gmail),
    CSCX_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
  });
  await waitForHealth(server);
  return server;
}

/** Through the running server's socket, as any cscx command reaches its database. */
async function withItsDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

describe('a worker killed between the Gmail call and its bookkeeping', () => {
  it('leaves one sent message after the restart: the retry finds it and does not send again', async () => {
    const first = await started();
    const { csm, customer } = await withItsDatabase(async ({ db }) => {
      const org = await anOrg(db);
      return {
        csm: await aMember(db, org, { role: 'csm' }),
        customer: await aCustomer(db, org),
      };
    });
    await connectGoogleAt(google, csm, {
      start: () => clientOf(first, csm.token).connections.start.mutate({ provider: 'google' }),
      open: (path) => fetch(`${first.url}${path}`),
    });
    gmail.onSend = () => {
      first.signalGroup('SIGKILL');
      return 'drop';
    };
    const proposed = await clientOf(first, csm.token).actions.propose.mutate({
      kind: 'email.send',
      customerId: customer.id,
      reason: 'The renewal question',
      payload: { to: ['dana@acme.example'], cc: [], references: [], subject: 'Re: Renewal', body: 'Hi Dana' },
    });
    await clientOf(first, csm.token).actions.approve.mutate({ id: proposed.id });
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(gmail.sent).toHaveLength(1);
    gmail.onSend = undefined;

    const second = await started();
    await withItsDatabase(async ({ db }) => {
      const [left] = await db.execute<{ status: string; state: string }>(sql`
        select a.status, j.state from actions a join jobs j on j.payload->>'actionId' = a.id::text
        where a.id = ${proposed.id}`);
      expect(left).toEqual({ status: 'executing', state: 'running' });
      // Its lease (five minutes) running out, without the wait.
      await db.execute(
        sql`update jobs set locked_until = now() - interval '1 second' where state = 'running'`,
      );
    });
    const history = () => clientOf(second, csm.token).actions.list.query({ scope: 'mine', state: 'history' });
    await expect
      .poll(async () => (await history())[0]?.status, { timeout: 20_000, interval: 250 })
      .toBe('done');
    const [done] = await history();
    expect(done?.outcome).toMatchObject({ gmailMessageId: gmail.sent[0]?.id, foundSent: true });
    expect(done?.attempts).toBe(2);
    expect(gmail.sent).toHaveLength(1);
    expect(gmail.requests.filter((r) => r.path.endsWith('/messages/send'))).toHaveLength(1);
    // Two starts of a fresh data folder (migrations included): over a minute on a loaded 2-core machine.
  }, 240_000);
});
