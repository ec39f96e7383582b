import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Clock } from '../../backend/clock.ts';
import { inOrg, orgRunner } from '../../backend/db/tenancy.ts';
import type { ConnectionDeps } from '../../backend/integrations/connections/with-connection.ts';
import type { ConnectionProvider } from '../../shared/api/connections.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { type FakeSlack, startFakeSlack } from '../support/fakes/slack-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** A clock tests move forward (an authorisation link going stale). */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export interface ConnectionsSuite {
  google: FakeGoogle;
  slack: FakeSlack;
  testDb: TestDatabase;
  app: TestApp;
  clock: MovableClock;
  /** What an executor (an action's job) hands withConnection for this org. */
  depsFor(orgId: string): ConnectionDeps;
  /**
   * A raw statement as the app role in this org (RLS is forced: the login role of a real server sees
   * no rows), e.g. reading the sealed column as stored.
   */
  sqlInOrg<R = Record<string, unknown>>(orgId: string, statement: SQL): Promise<R[]>;
  /**
   * Starts a connection as this member, follows the fake's consent redirect to our real callback.
   * At Google they sign in as themselves (their CSCX address) unless `googleAccount` says otherwise.
   */
  connect(
    token: string,
    provider: ConnectionProvider,
    options?: { googleAccount?: string },
  ): Promise<ConnectAttempt>;
}

export interface ConnectAttempt {
  authorizationUrl: URL;
  /** The callback URL the provider sent the browser to, on our server. */
  callbackPath: string;
  page: { status: number; text: string; csp: string | null };
}

function movableClock(): MovableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}

/** A database and server whose Google and Slack clients talk to the local fakes. */
export function suiteWithConnectionFakes(): ConnectionsSuite {
  const suite = { clock: movableClock() } as ConnectionsSuite;
  beforeAll(async () => {
    suite.google = await startFakeGoogle();
    suite.slack = await startFakeSlack();
    suite.testDb = await createTestDatabase();
    suite.app = await startTestApp(suite.testDb.database, {
      clock: suite.clock,
      env: {
        CSCX_GOOGLE_CLIENT_ID: suite.google.clientId,
        CSCX_GOOGLE_CLIENT_SECRET: suite.google.clientSecret,
        CSCX_GOOGLE_ACCOUNTS_URL: suite.google.url,
        CSCX_GOOGLE_OAUTH_URL: suite.google.url,
        CSCX_GOOGLE_API_URL: suite.google.url,
        CSCX_SLACK_CLIENT_ID: suite.slack.clientId,
        CSCX_SLACK_CLIENT_SECRET: suite.slack.clientSecret,
        CSCX_SLACK_URL: suite.slack.url,
      },
    });
  });
  beforeEach(() => {
    suite.google.consent = 'grant';
    suite.google.accessTokenSeconds = 3599;
    suite.slack.consent = 'grant';
    suite.slack.rotationSeconds = undefined;
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.testDb?.drop();
    await suite.google?.close();
    await suite.slack?.close();
  });
  suite.depsFor = (orgId) => {
    const { clock, log, config, secrets, transactions } = suite.app.deps;
    return { clock, log, config, secrets, ...orgRunner(transactions, orgId) };
  };
  suite.sqlInOrg = async <R>(orgId: string, statement: SQL) =>
    (await inOrg(suite.testDb.database.db, orgId, (tx) => tx.execute(statement))) as unknown as R[];
  suite.connect = async (token, provider, options = {}) => {
    const me = await suite.app.client(token).auth.me.query();
    suite.google.account = { email: options.googleAccount ?? me.user.email, sub: `sub-${me.user.id}` };
    const started = await suite.app.client(token).connections.start.mutate({ provider });
    const authorizationUrl = new URL(started.authorizationUrl);
    const consent = await fetch(authorizationUrl, { redirect: 'manual' });
    const location = consent.headers.get('location');
    if (consent.status !== 302 || !location)
      throw new Error(`the fake's consent page answered ${consent.status}`);
    const back = new URL(location);
    const callbackPath = `${back.pathname}${back.search}`;
    return { authorizationUrl, callbackPath, page: await openCallback(suite.app, callbackPath) };
  };
  return suite;
}

export async function openCallback(app: TestApp, callbackPath: string): Promise<ConnectAttempt['page']> {
  const answer = await app.fetch(callbackPath);
  return {
    status: answer.status,
    text: await answer.text(),
    csp: answer.headers.get('content-security-policy'),
  };
}
