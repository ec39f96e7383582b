import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { replaceMeetingGuests } from '../../backend/calendar-sync/meeting-guests.ts';
import { meetingGuests } from '../../backend/calendar-sync/schema.ts';
import { activities } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { SpeakerMapping } from '../../shared/api/call-records.ts';
import type { CalendarMeetingGuest } from '../../shared/api/meetings.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp({ clock: { now: () => new Date('2026-11-23T12:00:00Z') } });
const db = () => suite.testDb.database.db;

/** An org without Calendar sync, its CSM, and Globex with one contact, Marco Ruiz. */
async function globexTeam() {
  const org = await anOrg(db(), { domains: ['team.example'] });
  const csm = await aMember(db(), org, { role: 'csm' });
  const globex = await aCustomer(db(), org, { name: 'Globex' });
  const marco = await aContact(db(), org, globex.id, { name: 'Marco Ruiz', email: 'marco@globex.example' });
  return { org, globex, marco, client: suite.app.client(csm.token) };
}

/**
 * The Globex renewal event as the sidebar sends it from the Calendar page: the organiser (of the
 * org's team), the contact, Jakob with no name shown, and Lee Park, who is no contact yet.
 */
const pageGuests: CalendarMeetingGuest[] = [
  { email: 'dana@team.example', name: 'Dana Whitfield', organizer: true },
  { email: 'marco@globex.example', name: 'Marco Ruiz' },
  { email: 'Jakob.Sharma@Globex.example', name: '' },
  { email: 'lee.park@globex.example', name: 'Lee Park' },
];

/** The call ended two hours before the tests' clock. */
function renewalEvent(customerId: string, attendees?: CalendarMeetingGuest[]) {
  return {
    customerId,
    eventId: 'globex-renewal-event',
    title: 'Globex renewal call',
    start: '2026-11-23T10:00:00+01:00',
    conferenceId: '84400012345',
    ...(attendees ? { attendees } : {}),
  };
}

async function guestsOfEvent(org: OrgRef) {
  return inOrg(db(), org.id, (tx) =>
    tx
      .select({
        email: meetingGuests.email,
        name: meetingGuests.name,
        response: meetingGuests.response,
        organiser: meetingGuests.organiser,
        source: meetingGuests.source,
      })
      .from(meetingGuests)
      .innerJoin(activities, eq(activities.id, meetingGuests.activityId))
      .where(and(eq(meetingGuests.orgId, org.id), eq(activities.externalId, 'globex-renewal-event')))
      .orderBy(asc(meetingGuests.email)),
  );
}

const emailsOf = async (org: OrgRef) => (await guestsOfEvent(org)).map((g) => g.email);
const speakerNamed = (speakers: SpeakerMapping[], speaker: string) =>
  speakers.find((s) => s.speaker === speaker);

describe('meetings.recordFromCalendar with the guests the Calendar page lists', () => {
  it('keeps them as the meeting’s guests: a later call’s speakers are matched to them, and the follow-up goes to the guest who is no contact', async () => {
    const { org, globex, marco, client } = await globexTeam();
    expect(await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, pageGuests))).toEqual({
      outcome: 'recorded',
    });
    expect(await guestsOfEvent(org)).toEqual([
      {
        email: 'dana@team.example',
        name: 'Dana Whitfield',
        response: 'accepted',
        organiser: true,
        source: 'calendar_page',
      },
      {
        email: 'jakob.sharma@globex.example',
        name: '',
        response: 'needsAction',
        organiser: false,
        source: 'calendar_page',
      },
      {
        email: 'lee.park@globex.example',
        name: 'Lee Park',
        response: 'needsAction',
        organiser: false,
        source: 'calendar_page',
      },
      {
        email: 'marco@globex.example',
        name: 'Marco Ruiz',
        response: 'needsAction',
        organiser: false,
        source: 'calendar_page',
      },
    ]);

    const stored = await client.meetings.importTranscript.mutate({
      customerId: globex.id,
      conferenceId: '844 0001 2345',
      format: 'plain',
      text: [
        'Dana Whitfield: Thanks all for joining the renewal call.',
        'Jakob Sharma: We would like to keep the current plan.',
        'Lee Park: I will send the list of admins by Friday.',
        'Marco Ruiz: Sounds good to me.',
      ].join('\n'),
    });
    const speakers = stored.record.speakers;
    expect(speakerNamed(speakers, 'Jakob Sharma')).toMatchObject({
      email: 'jakob.sharma@globex.example',
      how: 'guest_address',
      internal: false,
    });
    expect(speakerNamed(speakers, 'Lee Park')).toMatchObject({
      contactId: null,
      email: 'lee.park@globex.example',
      how: 'calendar_guest',
    });
    expect(speakerNamed(speakers, 'Marco Ruiz')).toMatchObject({ contactId: marco.id, email: marco.email });
    expect(speakerNamed(speakers, 'Dana Whitfield')).toMatchObject({ internal: true });

    const followUp = await client.meetings.proposeFollowUp.mutate({ id: stored.record.id });
    const [action] = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ payload: { to: string[] } }>(
        sql`select payload from actions where id = ${followUp.actionIds[0] ?? null}::uuid`,
      ),
    );
    expect([...(action?.payload.to ?? [])].sort()).toEqual([
      'jakob.sharma@globex.example',
      'lee.park@globex.example',
      'marco@globex.example',
    ]);
  });

  it('changes nothing for the same list shown again, replaces a changed list, and keeps it when an older extension sends none', async () => {
    const { org, globex, client } = await globexTeam();
    await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, pageGuests));

    // The same people in another order, an address in other case: the same list.
    const reordered = [...pageGuests].reverse().map((g) => ({ ...g, email: g.email.toUpperCase() }));
    expect(await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, reordered))).toEqual({
      outcome: 'unchanged',
    });

    const leeLeft = [...pageGuests.slice(0, 3), { email: 'ana.lopez@globex.example', name: 'Ana López' }];
    expect(await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, leeLeft))).toEqual({
      outcome: 'updated',
    });
    expect(await emailsOf(org)).toEqual([
      'ana.lopez@globex.example',
      'dana@team.example',
      'jakob.sharma@globex.example',
      'marco@globex.example',
    ]);

    expect(await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id))).toEqual({
      outcome: 'unchanged',
    });
    expect(await emailsOf(org)).toHaveLength(4);
    const audits = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ action: string }>(
        sql`select action from audit_log where org_id = ${org.id} and action like 'meeting.%' order by at, id`,
      ),
    );
    expect(audits.map((a) => a.action)).toEqual([
      'meeting.record_from_calendar',
      'meeting.update_from_calendar',
    ]);
  });

  it('leaves the sync’s list alone, however few the page shows, and the next sync replaces the page’s', async () => {
    const { org, globex, client } = await globexTeam();
    await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, pageGuests.slice(0, 2)));
    const synced = [
      { email: 'dana@team.example', name: 'Dana Whitfield', response: 'accepted' as const, organiser: true },
      { email: 'marco@globex.example', name: 'Marco Ruiz', response: 'tentative' as const, organiser: false },
      {
        email: 'priya@globex.example',
        name: 'Priya Natarajan',
        response: 'declined' as const,
        organiser: false,
      },
    ];
    await inOrg(db(), org.id, (tx) =>
      replaceMeetingGuests(tx, org.id, new Map([['globex-renewal-event', synced]])),
    );
    expect((await guestsOfEvent(org)).map((g) => [g.email, g.response, g.source])).toEqual([
      ['dana@team.example', 'accepted', 'calendar_sync'],
      ['marco@globex.example', 'tentative', 'calendar_sync'],
      ['priya@globex.example', 'declined', 'calendar_sync'],
    ]);

    // A popover listing two guests of three, and one the sync has not seen yet.
    const fewer = [
      { email: 'marco@globex.example', name: 'Marco Ruiz' },
      { email: 'ana.lopez@globex.example', name: 'Ana López' },
    ];
    expect(await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, fewer))).toEqual({
      outcome: 'unchanged',
    });
    expect((await guestsOfEvent(org)).map((g) => [g.email, g.response, g.source])).toEqual([
      ['dana@team.example', 'accepted', 'calendar_sync'],
      ['marco@globex.example', 'tentative', 'calendar_sync'],
      ['priya@globex.example', 'declined', 'calendar_sync'],
    ]);
  });

  it('adds a list the page cut short to the guests kept, and a whole list replaces them again', async () => {
    const { org, globex, client } = await globexTeam();
    await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, pageGuests));
    const shortened = [
      { email: 'marco@globex.example', name: 'Marco R.' },
      { email: 'new.guest@globex.example', name: 'New Guest' },
    ];
    await client.meetings.recordFromCalendar.mutate({
      ...renewalEvent(globex.id, shortened),
      attendeesPartial: true,
    });
    expect(await emailsOf(org)).toEqual([
      'dana@team.example',
      'jakob.sharma@globex.example',
      'lee.park@globex.example',
      'marco@globex.example',
      'new.guest@globex.example',
    ]);
    expect((await guestsOfEvent(org)).find((g) => g.email === 'marco@globex.example')?.name).toBe('Marco R.');
    await client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, shortened));
    expect(await emailsOf(org)).toEqual(['marco@globex.example', 'new.guest@globex.example']);
  });

  it('refuses a malformed or overlong guest list as a bad request, writing nothing', async () => {
    const { org, globex, client } = await globexTeam();
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ email: `guest${i}@globex.example`, name: '' }));
    // What a page's author could make the extension send: the types do not allow the last.
    const noAddress = [{ name: 'No address' }] as unknown as CalendarMeetingGuest[];
    for (const attendees of [[{ email: 'not an address', name: 'X' }], tooMany, noAddress]) {
      expect(
        await errorOf(client.meetings.recordFromCalendar.mutate(renewalEvent(globex.id, attendees))),
      ).toMatchObject({ code: 'BAD_REQUEST' });
    }
    const meetings = await inOrg(db(), org.id, (tx) =>
      tx.select().from(activities).where(eq(activities.externalId, 'globex-renewal-event')),
    );
    expect(meetings).toEqual([]);
  });

  it('keeps one row for a guest the page lists twice', async () => {
    const { org, globex, client } = await globexTeam();
    await client.meetings.recordFromCalendar.mutate(
      renewalEvent(globex.id, [
        { email: 'lee.park@globex.example', name: 'Lee Park' },
        { email: 'LEE.PARK@globex.example', name: 'Lee' },
      ]),
    );
    expect((await guestsOfEvent(org)).map((g) => [g.email, g.name])).toEqual([
      ['lee.park@globex.example', 'Lee Park'],
    ]);
  });

  it('puts guests only on the org’s own meeting: another org’s event of the same id keeps its own', async () => {
    const ours = await globexTeam();
    const theirs = await globexTeam();
    await theirs.client.meetings.recordFromCalendar.mutate(
      renewalEvent(theirs.globex.id, pageGuests.slice(3)),
    );
    await ours.client.meetings.recordFromCalendar.mutate(
      renewalEvent(ours.globex.id, pageGuests.slice(1, 2)),
    );
    expect(await emailsOf(ours.org)).toEqual(['marco@globex.example']);
    expect(await emailsOf(theirs.org)).toEqual(['lee.park@globex.example']);
  });
});
