import { afterAll, beforeAll, beforeEach } from 'vitest';
import { executeActionJob } from '../../backend/actions/execute/job.ts';
import { executeActionQueue } from '../../backend/actions/transitions.ts';
import type { ActionRequest } from '../../shared/api/actions.ts';
import { type HandClock, handClock } from '../jobs/support.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { type FakeGmail, startFakeGmail } from '../support/fakes/gmail-server.ts';
import { type FakeCalendar, startFakeCalendar } from '../support/fakes/google-calendar-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { type FakeSlack, startFakeSlack } from '../support/fakes/slack-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { connectGoogleAt, drainQueue, googleEnv } from './actions-suite.ts';

/**
 * A database and a server whose worker is stepped by hand, with fake Google (OAuth, Gmail and
 * Calendar at one origin, as Google serves them) and Slack: what the Calendar and Slack executors'
 * tests run against.
 */
export interface OutboundSuite {
  google: FakeGoogle;
  gmail: FakeGmail;
  calendar: FakeCalendar;
  slack: FakeSlack;
  testDb: TestDatabase;
  app: TestApp;
  clock: HandClock;
}

export function suiteWithOutboundFakes(): OutboundSuite {
  const suite = { clock: handClock() } as OutboundSuite;
  beforeAll(async () => {
    suite.google = await startFakeGoogle();
    suite.gmail = await startFakeGmail();
    suite.calendar = await startFakeCalendar({ otherApis: suite.gmail.url });
    suite.slack = await startFakeSlack({ clock: suite.clock });
    suite.testDb = await createTestDatabase();
    suite.app = await startTestApp(suite.testDb.database, {
      clock: suite.clock,
      env: {
        ...googleEnv(suite.google, suite.gmail),
        CSCX_GOOGLE_API_URL: suite.calendar.url,
        CSCX_SLACK_CLIENT_ID: suite.slack.clientId,
        CSCX_SLACK_CLIENT_SECRET: suite.slack.clientSecret,
        CSCX_SLACK_URL: suite.slack.url,
      },
      jobs: {
        handlers: { [executeActionQueue]: executeActionJob },
        schedules: [],
        start: false,
        options: { random: () => 0 },
      },
    });
  });
  beforeEach(() => {
    suite.calendar.onInsert = undefined;
    suite.slack.onPost = undefined;
    suite.slack.rotationSeconds = undefined;
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.testDb?.drop();
    await suite.google?.close();
    await suite.calendar?.close();
    await suite.gmail?.close();
    await suite.slack?.close();
  });
  return suite;
}

/** An org with a CSM whose Google is connected, an admin who connected the org's Slack, and a customer. */
export async function anOrgWithConnections(suite: OutboundSuite) {
  const db = suite.testDb.database.db;
  const org = await anOrg(db);
  const admin = await aMember(db, org, { role: 'admin' });
  const csm = await aMember(db, org, { role: 'csm' });
  const customer = await aCustomer(db, org, { ownerId: csm.id });
  await connectGoogleAt(suite.google, csm, {
    start: () => suite.app.client(csm.token).connections.start.mutate({ provider: 'google' }),
    open: (path) => suite.app.fetch(path),
  });
  await connectSlack(suite, admin);
  return { org, admin, csm, customer };
}

/** An admin installs the org's Slack app through the fake's consent page and our callback. */
export async function connectSlack(suite: OutboundSuite, admin: { token: string }): Promise<void> {
  const { authorizationUrl } = await suite.app
    .client(admin.token)
    .connections.start.mutate({ provider: 'slack' });
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') ?? '');
  const page = await suite.app.fetch(`${back.pathname}${back.search}`);
  if (page.status !== 200) throw new Error(`Slack's callback answered ${page.status}`);
}

type Org = Awaited<ReturnType<typeof anOrgWithConnections>>;

/** The CSM proposes from the sidebar and approves it: its run is queued. */
export async function anApproved(suite: OutboundSuite, org: Org, request: ActionRequest): Promise<string> {
  const client = suite.app.client(org.csm.token, { batch: false });
  const proposed = await client.actions.propose.mutate({
    ...request,
    customerId: org.customer.id,
    reason: 'Agreed on the call',
  });
  await client.actions.approve.mutate({ id: proposed.id });
  return proposed.id;
}

/** The action as its CSM's Inbox history shows it. */
export async function actionOf(suite: OutboundSuite, token: string, id: string) {
  const history = await suite.app
    .client(token, { batch: false })
    .actions.list.query({ scope: 'mine', state: 'history', limit: 200 });
  const found = history.find((a) => a.id === id);
  if (!found) throw new Error(`action ${id} is not in the history`);
  return found;
}

const hour = 60 * 60_000;

/** Runs what is due, then moves the clock past the longest backoff, `times` over. */
export async function runWithRetries(suite: OutboundSuite, times: number): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < times; i++) {
    outcomes.push(...(await drainQueue(suite.app)));
    suite.clock.advance(2 * hour);
  }
  return outcomes;
}
