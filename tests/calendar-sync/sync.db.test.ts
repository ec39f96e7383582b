import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarSyncJobHandlers, planCalendarSyncsQueue } from '../../backend/calendar-sync/jobs.ts';
import { meetingGuests } from '../../backend/calendar-sync/schema.ts';
import { activities } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { enqueueJob } from '../../backend/jobs/queue.ts';
import { connectGoogleAt, drainQueue } from '../actions/actions-suite.ts';
import { type HandClock, handClock } from '../jobs/support.ts';
import { aContact, aCustomer, aMember, anOrg } from '../support/builders.ts';
import {
  type FakeCalendar,
  type SeededEvent,
  startFakeCalendar,
} from '../support/fakes/google-calendar-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../support/fakes/google-oauth-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let google: FakeGoogle;
let calendar: FakeCalendar;
let testDb: TestDatabase;
let app: TestApp;
let clock: HandClock;

beforeAll(async () => {
  clock = handClock();
  google = await startFakeGoogle();
  calendar = await startFakeCalendar();
  testDb = await createTestDatabase();
  app = await startTestApp(testDb.database, {
    clock,
    env: {
      CSCX_GOOGLE_CLIENT_ID: google.clientId,
      CSCX_GOOGLE_CLIENT_SECRET: google.clientSecret,
      CSCX_GOOGLE_ACCOUNTS_URL: google.url,
      CSCX_GOOGLE_OAUTH_URL: google.url,
      CSCX_GOOGLE_API_URL: calendar.url,
    },
    jobs: { handlers: calendarSyncJobHandlers, schedules: [], start: false, options: { random: () => 0 } },
  });
});
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
  await google?.close();
  await calendar?.close();
});

const db = () => testDb.database.db;
const hours = (n: number) => n * 60 * 60_000;
const at = (fromNow: number) => new Date(clock.now().getTime() + fromNow).toISOString();

/** An org whose CSM connected Google, with a customer at its own domain. */
async function aConnectedCsm() {
  const org = await anOrg(db(), { domains: ['team.example'] });
  const csm = await aMember(db(), org, { role: 'csm' });
  const domain = `acme-${randomUUID().slice(0, 8)}.example`;
  const customer = await aCustomer(db(), org, { name: 'Acme', ownerId: csm.id, domains: [domain] });
  await connectGoogleAt(google, csm, {
    start: () => app.client(csm.token).connections.start.mutate({ provider: 'google' }),
    open: (path) => app.fetch(path),
  });
  const event = (
    id: string,
    startsIn: number,
    guests: string[],
    over: Partial<SeededEvent> = {},
  ): SeededEvent => ({
    id: `${id}${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    summary: `Meeting ${id}`,
    start: { dateTime: at(startsIn) },
    end: { dateTime: at(startsIn + hours(1)) },
    attendees: [{ email: csm.email }, ...guests.map((email) => ({ email }))],
    ...over,
  });
  return { org, csm, customer, domain, event };
}

const meetingsOf = (orgId: string) =>
  inOrg(db(), orgId, (tx) =>
    tx
      .select({
        externalId: activities.externalId,
        subject: activities.subject,
        customerId: activities.customerId,
        conferenceId: activities.conferenceId,
        occurredAt: activities.occurredAt,
      })
      .from(activities)
      .where(and(eq(activities.orgId, orgId), eq(activities.source, 'google_calendar'))),
  );

const guestsOf = (orgId: string) =>
  inOrg(db(), orgId, (tx) =>
    tx
      .select({
        externalId: activities.externalId,
        email: meetingGuests.email,
        name: meetingGuests.name,
        response: meetingGuests.response,
        organiser: meetingGuests.organiser,
      })
      .from(meetingGuests)
      .innerJoin(
        activities,
        and(eq(activities.orgId, meetingGuests.orgId), eq(activities.id, meetingGuests.activityId)),
      )
      .where(eq(meetingGuests.orgId, orgId))
      .orderBy(meetingGuests.email),
  );

const syncNow = async (token: string) => {
  await app.client(token).calendarSync.syncNow.mutate();
  return drainQueue(app);
};

describe('Calendar sync', () => {
  it('records the customer meetings of a full sync, not internal ones, and shows when it ran', async () => {
    const { org, csm, customer, domain, event } = await aConnectedCsm();
    const review = event('review', hours(30), [`dana@${domain}`], {
      hangoutLink: 'https://meet.google.com/abc-defg-hij',
    });
    const standup = event('standup', hours(2), ['sam@team.example']);
    const zoom = event('zoomcall', hours(50), [`lee@${domain}`], {
      location: 'https://acme.zoom.us/j/81234567890',
    });
    for (const e of [review, standup, zoom]) calendar.putEvent(e);

    expect(await app.client(csm.token).calendarSync.status.query()).toMatchObject({
      connected: true,
      lastSyncedAt: null,
      pending: false,
    });
    expect(await syncNow(csm.token)).toEqual(['done']);

    const meetings = await meetingsOf(org.id);
    expect(meetings.map((m) => m.externalId).sort()).toEqual([review.id, zoom.id].sort());
    expect(meetings.every((m) => m.customerId === customer.id)).toBe(true);
    expect(meetings.find((m) => m.externalId === review.id)).toMatchObject({
      subject: review.summary,
      conferenceId: 'abc-defg-hij',
      occurredAt: new Date(review.start.dateTime),
    });
    expect(meetings.find((m) => m.externalId === zoom.id)?.conferenceId).toBe('81234567890');
    expect(await app.client(csm.token).calendarSync.status.query()).toMatchObject({
      connected: true,
      lastSyncedAt: clock.now().toISOString(),
      lastRecorded: 2,
      lastError: null,
      pending: false,
    });
    const full = calendar.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/events')).at(-1);
    expect(full?.query).toMatchObject({ singleEvents: 'true', timeMin: expect.any(String) });
    expect(full?.query.syncToken).toBeUndefined();
  });

  it('then asks only for what changed: a moved meeting is updated, a cancelled upcoming one leaves the timeline', async () => {
    const { org, csm, domain, event } = await aConnectedCsm();
    const kickoff = event('kickoff', hours(26), [`dana@${domain}`]);
    const qbr = event('qbr', hours(48), [`dana@${domain}`]);
    calendar.putEvent(kickoff);
    calendar.putEvent(qbr);
    await syncNow(csm.token);

    calendar.putEvent({ ...kickoff, summary: 'Kick-off (moved)', start: { dateTime: at(hours(28)) } });
    calendar.cancelEvent(qbr.id);
    await syncNow(csm.token);

    const incremental = calendar.requests
      .filter((r) => r.method === 'GET' && r.path.endsWith('/events'))
      .at(-1);
    expect(incremental?.query.syncToken).toMatch(/^sync-/);
    expect(incremental?.query.timeMin).toBeUndefined();
    const meetings = await meetingsOf(org.id);
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({
      externalId: kickoff.id,
      subject: 'Kick-off (moved)',
      occurredAt: new Date(at(hours(28))),
    });
  });

  it('starts over with a full sync when Google says the token expired (410)', async () => {
    const { org, csm, domain, event } = await aConnectedCsm();
    await syncNow(csm.token);
    const later = event('later', hours(72), [`dana@${domain}`]);
    calendar.putEvent(later);
    calendar.expireSyncTokens();
    expect(await syncNow(csm.token)).toEqual(['done']);
    const lists = calendar.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/events')).slice(-2);
    expect(lists.map((r) => (r.query.syncToken ? 'incremental' : 'full'))).toEqual(['incremental', 'full']);
    expect((await meetingsOf(org.id)).map((m) => m.externalId)).toEqual([later.id]);
  });

  it('keeps each meeting’s guests with their names, answers and organiser, and replaces them when the event changes', async () => {
    const { org, csm, domain, event } = await aConnectedCsm();
    const review = event('guests', hours(30), [], {
      organizer: { email: `dana@${domain}`, displayName: 'Dana Whitfield' },
      attendees: [
        { email: csm.email, responseStatus: 'accepted' },
        {
          email: `Dana@${domain}`,
          displayName: 'Dana Whitfield',
          organizer: true,
          responseStatus: 'accepted',
        },
        { email: `jakob.sharma@${domain}`, responseStatus: 'tentative' },
        { email: `room-4@${domain}`, displayName: 'Room 4', resource: true, responseStatus: 'accepted' },
      ],
    });
    calendar.putEvent(review);
    await syncNow(csm.token);
    // By address: the customer's two (the room left out, Dana's address lower-cased), then ours.
    expect(await guestsOf(org.id)).toEqual([
      {
        externalId: review.id,
        email: `dana@${domain}`,
        name: 'Dana Whitfield',
        response: 'accepted',
        organiser: true,
      },
      {
        externalId: review.id,
        email: `jakob.sharma@${domain}`,
        name: '',
        response: 'tentative',
        organiser: false,
      },
      { externalId: review.id, email: csm.email, name: '', response: 'accepted', organiser: false },
    ]);

    calendar.putEvent({
      ...review,
      attendees: [
        {
          email: `dana@${domain}`,
          displayName: 'Dana Whitfield',
          organizer: true,
          responseStatus: 'accepted',
        },
        { email: `jakob.sharma@${domain}`, responseStatus: 'declined' },
      ],
    });
    await syncNow(csm.token);
    expect((await guestsOf(org.id)).map((g) => [g.email, g.response])).toEqual([
      [`dana@${domain}`, 'accepted'],
      [`jakob.sharma@${domain}`, 'declined'],
    ]);

    calendar.cancelEvent(review.id);
    await syncNow(csm.token);
    expect(await guestsOf(org.id)).toEqual([]);
  });

  it('gives a synced event’s brief its guest list before anyone opens the event in Calendar', async () => {
    const { org, csm, customer, domain, event } = await aConnectedCsm();
    await aContact(db(), org, customer.id, {
      email: `dana@${domain}`,
      name: 'Dana Whitfield',
      role: 'champion',
    });
    const review = event('briefed', hours(30), [], {
      attendees: [
        { email: csm.email, displayName: 'Casey CSM', responseStatus: 'accepted' },
        { email: `dana@${domain}`, displayName: 'Dana Whitfield', responseStatus: 'accepted' },
        { email: `lee@${domain}`, displayName: 'Lee Park', responseStatus: 'needsAction' },
      ],
    });
    calendar.putEvent(review);
    await syncNow(csm.token);

    const brief = await app.client(csm.token).meetings.brief.query({ eventId: review.id });
    if (brief.kind !== 'brief') throw new Error(`no brief: ${brief.kind}`);
    expect(brief.brief.attendees.map((a) => [a.email, a.name, a.role])).toEqual([
      [`dana@${domain}`, 'Dana Whitfield', 'champion'],
      [`lee@${domain}`, 'Lee Park', null],
    ]);
    expect(brief.brief.colleagues.map((c) => c.email)).toEqual([csm.email]);
  });

  it('keeps a failed run’s error for settings, retries it, and clears it once a run succeeds', async () => {
    const { org, csm, domain, event } = await aConnectedCsm();
    calendar.putEvent(event('retry', hours(30), [`dana@${domain}`]));
    calendar.rateLimitNext(30);
    expect(await syncNow(csm.token)).toEqual(['retried']);
    const failed = await app.client(csm.token).calendarSync.status.query();
    expect(failed).toMatchObject({
      lastSyncedAt: null,
      lastError: expect.stringMatching(/^Google Calendar answered 429/),
    });
    expect(await meetingsOf(org.id)).toHaveLength(0);

    clock.advance(60_000);
    expect(await drainQueue(app)).toEqual(['done']);
    expect(await app.client(csm.token).calendarSync.status.query()).toMatchObject({
      lastError: null,
      lastRecorded: 1,
    });
    expect(await meetingsOf(org.id)).toHaveLength(1);
  });

  it('is planned for every member whose Google may read their calendar, and refused to one without', async () => {
    const { org, csm, domain, event } = await aConnectedCsm();
    const unconnected = await aMember(db(), org, { role: 'csm' });
    calendar.putEvent(event('planned', hours(30), [`dana@${domain}`]));
    await inOrg(db(), org.id, (tx) =>
      enqueueJob(tx, { queue: planCalendarSyncsQueue, orgId: org.id, payload: {} }),
    );
    expect(await drainQueue(app)).toEqual(['done', 'done']);
    expect(await meetingsOf(org.id)).toHaveLength(1);
    expect((await app.client(csm.token).calendarSync.status.query()).lastRecorded).toBe(1);

    expect(await app.client(unconnected.token).calendarSync.status.query()).toMatchObject({
      connected: false,
    });
    await expect(app.client(unconnected.token).calendarSync.syncNow.mutate()).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
  });
});
