import { createTRPCClient, httpLink } from '@trpc/client';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../backend/db/client.ts';
import type { AppRouter } from '../../backend/trpc/app-router.ts';
import type { ActionRequest } from '../../shared/api/actions.ts';
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
import { type FakeCalendar, startFakeCalendar } from '../support/fakes/google-calendar-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { type FakeSlack, startFakeSlack } from '../support/fakes/slack-server.ts';
import { connectGoogleAt, googleEnv } from './actions-suite.ts';

/**
 * `cscx serve` as a user starts it, SIGKILLed the moment the fake Calendar has made the event (or
 * the fake Slack has taken the post) and before the answer reaches it. Started again, the server
 * finishes the action, and the fake still holds one event (one post).
 */
let google: FakeGoogle;
let gmail: FakeGmail;
let calendar: FakeCalendar;
let slack: FakeSlack;
let dataDir: string;

beforeAll(async () => {
  google = await startFakeGoogle();
  gmail = await startFakeGmail();
  calendar = await startFakeCalendar({ otherApis: gmail.url });
  slack = await startFakeSlack();
  dataDir = makeDataDir();
});
afterEach(killAllServers);
afterAll(async () => {
  removeDataDir(dataDir);
  await Promise.all([google?.close(), calendar?.close(), gmail?.close(), slack?.close()]);
});

const clientOf = (server: ServerProcess, token: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });

async function started(): Promise<ServerProcess> {
  const server = await startServe(dataDir, {
    ...googleEnv(google, gmail),
    CSCX_GOOGLE_API_URL: calendar.url,
    CSCX_SLACK_CLIENT_ID: slack.clientId,
    CSCX_SLACK_CLIENT_SECRET: slack.clientSecret,
    CSCX_SLACK_URL: slack.url,
    CSCX_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
  });
  await waitForHealth(server);
  return server;
}

async function withItsDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** An org whose CSM connected their Google and whose admin connected Slack, through the first server. */
async function anOrgConnectedAt(server: ServerProcess) {
  const { admin, csm, customer } = await withItsDatabase(async ({ db }) => {
    const org = await anOrg(db);
    return {
      admin: await aMember(db, org, { role: 'admin' }),
      csm: await aMember(db, org, { role: 'csm' }),
      customer: await aCustomer(db, org),
    };
  });
  await connectGoogleAt(google, csm, {
    start: () => clientOf(server, csm.token).connections.start.mutate({ provider: 'google' }),
    open: (path) => fetch(`${server.url}${path}`),
  });
  const { authorizationUrl } = await clientOf(server, admin.token).connections.start.mutate({
    provider: 'slack',
  });
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') ?? '');
  expect((await fetch(`${server.url}${back.pathname}${back.search}`)).status).toBe(200);
  return { csm, customer };
}

/** Restarts the server on the same folder with the killed run's lease run out; waits for the action to be done. */
async function finishedAfterRestart(token: string, actionId: string) {
  const second = await started();
  await withItsDatabase(async ({ db }) => {
    const [left] = await db.execute<{ status: string; state: string }>(sql`
      select a.status, j.state from actions a join jobs j on j.payload->>'actionId' = a.id::text
      where a.id = ${actionId}`);
    expect(left).toEqual({ status: 'executing', state: 'running' });
    await db.execute(sql`update jobs set locked_until = now() - interval '1 second' where state = 'running'`);
  });
  const history = () => clientOf(second, token).actions.list.query({ scope: 'mine', state: 'history' });
  await expect
    .poll(async () => (await history()).find((a) => a.id === actionId)?.status, {
      timeout: 20_000,
      interval: 250,
    })
    .toBe('done');
  return (await history()).find((a) => a.id === actionId);
}

async function approvedAt(
  server: ServerProcess,
  who: { token: string },
  customerId: string,
  request: ActionRequest,
) {
  const client = clientOf(server, who.token);
  const proposed = await client.actions.propose.mutate({
    ...request,
    customerId,
    reason: 'Agreed on the call',
  });
  await client.actions.approve.mutate({ id: proposed.id });
  return proposed.id;
}

describe('a worker killed between the vendor call and its bookkeeping', () => {
  it('leaves one Calendar event after the restart: the retry’s 409 is read back as done', async () => {
    const first = await started();
    const { csm, customer } = await anOrgConnectedAt(first);
    calendar.onInsert = () => {
      first.signalGroup('SIGKILL');
      return 'drop';
    };
    const id = await approvedAt(first, csm, customer.id, {
      kind: 'calendar.create_event',
      payload: {
        summary: 'Renewal kick-off',
        start: { dateTime: '2027-02-03T15:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2027-02-03T15:30:00+01:00', timeZone: 'Europe/Berlin' },
        attendees: ['dana@acme.example'],
        conference: false,
      },
    });
    expect((await first.exited).signal).toBe('SIGKILL');
    calendar.onInsert = undefined;

    const done = await finishedAfterRestart(csm.token, id);
    expect(done).toMatchObject({ attempts: 2, outcome: { foundMade: true } });
    expect(calendar.events).toHaveLength(1);
    expect(done?.outcome).toMatchObject({ eventId: calendar.events[0]?.id });
  }, 240_000);

  it('leaves one Slack post after the restart: the retry finds it by its metadata', async () => {
    const first = await started();
    const { csm, customer } = await anOrgConnectedAt(first);
    slack.onPost = () => {
      first.signalGroup('SIGKILL');
      return 'drop';
    };
    const id = await approvedAt(first, csm, customer.id, {
      kind: 'slack.post',
      payload: { channel: 'C0FAKERENEWALS', text: 'Acme renewal: Dana asked for SSO pricing' },
    });
    expect((await first.exited).signal).toBe('SIGKILL');
    slack.onPost = undefined;

    const done = await finishedAfterRestart(csm.token, id);
    expect(done).toMatchObject({ attempts: 2, outcome: { foundPosted: true } });
    expect(slack.posts).toHaveLength(1);
    expect(slack.requests.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(1);
  }, 240_000);
});
