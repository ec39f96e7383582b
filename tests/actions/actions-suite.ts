import { afterAll, beforeAll, beforeEach } from 'vitest';
import { executeActionJob } from '../../backend/actions/execute/job.ts';
import { executeActionQueue } from '../../backend/actions/transitions.ts';
import { type HandClock, handClock } from '../jobs/support.ts';
import { type FakeGmail, startFakeGmail } from '../support/fakes/gmail-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

export interface ActionsSuite {
  google: FakeGoogle;
  gmail: FakeGmail;
  testDb: TestDatabase;
  app: TestApp;
  clock: HandClock;
  /** Connects the member's own Google account through the real consent flow and callback. */
  connectGoogle(member: { token: string; email: string }): Promise<void>;
}

/** The environment that sends a server's Google calls to the fakes. */
export function googleEnv(google: FakeGoogle, gmail: FakeGmail): Record<string, string> {
  return {
    CSCX_GOOGLE_CLIENT_ID: google.clientId,
    CSCX_GOOGLE_CLIENT_SECRET: google.clientSecret,
    CSCX_GOOGLE_ACCOUNTS_URL: google.url,
    CSCX_GOOGLE_OAUTH_URL: google.url,
    CSCX_GOOGLE_API_URL: gmail.url,
  };
}

/**
 * Signs in to the fake Google as the member (a member's Google must be their own), starts a
 * connection over tRPC, follows the fake's consent redirect and opens our callback.
 */
export async function connectGoogleAt(
  google: FakeGoogle,
  member: { email: string },
  call: { start(): Promise<{ authorizationUrl: string }>; open(path: string): Promise<Response> },
): Promise<void> {
  google.account = { email: member.email, sub: `sub-${member.email}` };
  const { authorizationUrl } = await call.start();
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') ?? '');
  const page = await call.open(`${back.pathname}${back.search}`);
  if (page.status !== 200) throw new Error(`the callback answered ${page.status}: ${await page.text()}`);
}

/** A database, a server whose worker is stepped by hand (`app.worker.runOnce`), fake Google and Gmail. */
export function suiteWithActions(): ActionsSuite {
  const suite = { clock: handClock() } as ActionsSuite;
  beforeAll(async () => {
    suite.google = await startFakeGoogle();
    suite.gmail = await startFakeGmail();
    suite.gmail.threads.set('thread-1', [
      { 'Message-ID': '<root@acme.example>', Subject: 'Renewal' },
      { 'Message-ID': '<second@acme.example>', References: '<root@acme.example>', Subject: 'Re: Renewal' },
    ]);
    suite.testDb = await createTestDatabase();
    suite.app = await startTestApp(suite.testDb.database, {
      clock: suite.clock,
      env: googleEnv(suite.google, suite.gmail),
      jobs: {
        handlers: { [executeActionQueue]: executeActionJob },
        schedules: [],
        start: false,
        options: { random: () => 0 },
      },
    });
  });
  beforeEach(() => {
    suite.gmail.sent.length = 0;
    suite.gmail.requests.length = 0;
    suite.gmail.onSend = undefined;
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.testDb?.drop();
    await suite.google?.close();
    await suite.gmail?.close();
  });
  suite.connectGoogle = (member) =>
    connectGoogleAt(suite.google, member, {
      start: () => suite.app.client(member.token).connections.start.mutate({ provider: 'google' }),
      open: (path) => suite.app.fetch(path),
    });
  return suite;
}

/** Steps the worker until the queue has nothing due. */
export async function drainQueue(app: TestApp, limit = 20): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < limit; i++) {
    const outcome = await app.worker!.runOnce();
    if (outcome.kind === 'idle') return outcomes;
    outcomes.push(outcome.kind);
  }
  return outcomes;
}
