import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp({ clock: { now: () => new Date('2026-11-23T12:00:00Z') } });

async function teamOfNewOrg() {
  const db = suite.testDb.database.db;
  const org = await anOrg(db);
  const csm = await aMember(db, org, { role: 'csm' });
  const admin = await aMember(db, org, { role: 'admin' });
  const viewer = await aMember(db, org, { role: 'viewer' });
  return {
    db,
    org,
    csm: suite.app.client(csm.token),
    admin: suite.app.client(admin.token),
    viewer: suite.app.client(viewer.token),
  };
}

/** An event as the Calendar sidebar sends it, an occurrence of a weekly series. */
function aCalendarMeeting(customerId: string, overrides: Record<string, unknown> = {}) {
  return {
    customerId,
    eventId: 'qbr7series_20261123T160000Z',
    title: 'QBR',
    start: '2026-11-23T16:00:00+01:00',
    conferenceId: '81234567890',
    ...overrides,
  };
}

async function calendarRows(org: OrgRef) {
  return inOrg(suite.testDb.database.db, org.id, (tx) =>
    tx
      .select()
      .from(activities)
      .where(and(eq(activities.orgId, org.id), eq(activities.source, 'google_calendar'))),
  );
}

describe('meetings.recordFromCalendar', () => {
  it('records the event on the customer’s timeline as a meeting, keyed by the Calendar API’s event id', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });

    expect(await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id))).toEqual({
      outcome: 'recorded',
    });

    expect(await calendarRows(org)).toEqual([
      expect.objectContaining({
        customerId: acme.id,
        kind: 'meeting',
        subject: 'QBR',
        occurredAt: new Date('2026-11-23T15:00:00Z'),
        source: 'google_calendar',
        externalId: 'qbr7series_20261123T160000Z',
        conferenceId: '81234567890',
      }),
    ]);
    const context = await csm.customers.context.query({ customerId: acme.id });
    expect(context.customer?.recentActivities.map((a) => [a.kind, a.subject, a.source])).toEqual([
      ['meeting', 'QBR', 'google_calendar'],
    ]);
  });

  it('changes nothing when the event is shown again, and updates the one row when it moved', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id));
    const [first] = await calendarRows(org);

    expect(await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id))).toEqual({
      outcome: 'unchanged',
    });
    expect(await calendarRows(org)).toEqual([first]);

    const moved = aCalendarMeeting(acme.id, { start: '2026-11-23T17:30:00+01:00', title: 'QBR (moved)' });
    expect(await csm.meetings.recordFromCalendar.mutate(moved)).toEqual({ outcome: 'updated' });
    expect(await calendarRows(org)).toEqual([
      expect.objectContaining({ id: first?.id, subject: 'QBR (moved)' }),
    ]);
  });

  it('keeps each occurrence of a recurring event apart, by its instance suffix', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id));
    await csm.meetings.recordFromCalendar.mutate(
      aCalendarMeeting(acme.id, {
        eventId: 'qbr7series_20261130T160000Z',
        start: '2026-11-30T16:00:00+01:00',
      }),
    );

    expect((await calendarRows(org)).map((r) => r.externalId).sort()).toEqual([
      'qbr7series_20261123T160000Z',
      'qbr7series_20261130T160000Z',
    ]);
  });

  it('records nothing once an admin turns it off, and again once turned back on', async () => {
    const { db, org, csm, admin } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    expect((await admin.org.get.query()).recordCalendarMeetings).toBe(true);

    expect(await admin.org.update.mutate({ recordCalendarMeetings: false })).toMatchObject({
      recordCalendarMeetings: false,
    });
    expect(await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id))).toEqual({
      outcome: 'off',
    });
    expect(await calendarRows(org)).toEqual([]);

    expect(await errorOf(csm.org.update.mutate({ recordCalendarMeetings: true }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    await admin.org.update.mutate({ recordCalendarMeetings: true });
    expect(await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id))).toEqual({
      outcome: 'recorded',
    });
  });

  it('refuses viewers, and another org’s customer as if it did not exist, writing nothing', async () => {
    const { db, org, csm, viewer } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    const other = await teamOfNewOrg();
    const foreign = await aCustomer(db, other.org, { name: 'Foreign' });

    expect(await errorOf(viewer.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id)))).toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    expect(await errorOf(csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(foreign.id)))).toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    expect(await calendarRows(org)).toEqual([]);
    expect(await calendarRows(other.org)).toEqual([]);
  });
});

describe('customers.context by a Zoom meeting id', () => {
  it('finds first the one customer whose Calendar event within 12 hours has this conference id', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    await aCustomer(db, org, { name: 'Globex' });
    await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id));

    // Zoom shows the number spaced; the topic names another customer.
    const context = await csm.customers.context.query({
      meetingId: '812 3456 7890',
      topic: 'Globex sync',
      at: '2026-11-24T02:00:00Z',
    });

    expect(context.customer?.name).toBe('Acme');
    expect(context.candidates.map((c) => [c.customer.name, c.reason.summary])).toEqual([
      ['Acme', "Its Calendar event 'QBR' is this meeting"],
      ['Globex', 'Named in the meeting topic'],
    ]);
    expect(context.candidates[0]?.reason.calendarEvent).toBe('QBR');
  });

  it('takes the time now when the page gives none', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id));

    const context = await csm.customers.context.query({ meetingId: '81234567890' });

    expect(context.customer?.name).toBe('Acme');
  });

  it('does not decide by id when two customers’ events carry it, and falls back to the topic', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    const globex = await aCustomer(db, org, { name: 'Globex' });
    await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id));
    // A personal meeting id: the same number for another customer's call that afternoon.
    await csm.meetings.recordFromCalendar.mutate(
      aCalendarMeeting(globex.id, {
        eventId: 'globexcall1',
        title: 'Globex check-in',
        start: '2026-11-23T18:00:00+01:00',
      }),
    );

    const context = await csm.customers.context.query({ meetingId: '81234567890', topic: 'Globex check-in' });

    expect(context.candidates.map((c) => [c.customer.name, c.reason.summary])).toEqual([
      ['Globex', 'Named in the meeting topic'],
    ]);
  });

  it('does not decide by id for an event more than 12 hours away', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const acme = await aCustomer(db, org, { name: 'Acme' });
    await csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(acme.id));

    const early = await csm.customers.context.query({ meetingId: '81234567890', at: '2026-11-23T02:59:00Z' });
    const late = await csm.customers.context.query({ meetingId: '81234567890', at: '2026-11-24T03:01:00Z' });

    expect(early.customer).toBeNull();
    expect(late.customer).toBeNull();
  });

  it('never finds another org’s event by its conference id', async () => {
    const { db, org, csm } = await teamOfNewOrg();
    const other = await teamOfNewOrg();
    const foreign = await aCustomer(db, other.org, { name: 'Foreign' });
    await other.csm.meetings.recordFromCalendar.mutate(aCalendarMeeting(foreign.id));
    await aCustomer(db, org, { name: 'Acme' });

    expect(await csm.customers.context.query({ meetingId: '81234567890' })).toEqual({
      candidates: [],
      customer: null,
      unmatchedEmails: [],
    });
  });
});
