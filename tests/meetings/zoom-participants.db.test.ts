import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetingGuests } from '../../backend/calendar-sync/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { SpeakerMapping } from '../../shared/api/call-records.ts';
import { aContact, aCustomer, anActivity } from '../support/builders.ts';
import type { FakeRecording } from '../support/fakes/zoom-server.ts';
import { suiteWithFakeZoom } from './zoom-suite.ts';

const suite = suiteWithFakeZoom();
const db = () => suite.testDb.database.db;
const vtt = () => readFile(new URL('../fixtures/transcripts/zoom-renewal-call.vtt', import.meta.url), 'utf8');

let meetingNumber = 84500012000;

/**
 * A customer's Calendar meeting on Zoom, with its contacts Marco Ruiz and "Priya N." (as the CRM
 * spells her), and Zoom's recording of it: its transcript's speakers are Dana Whitfield (the org's
 * member), Marco Ruiz and Priya Natarajan.
 */
async function recordedMeeting(org: OrgRef, participantsOf: (id: number) => FakeRecording['participants']) {
  const id = ++meetingNumber;
  const customer = await aCustomer(db(), org, { name: `Globex ${id}` });
  const marco = await aContact(db(), org, customer.id, {
    name: 'Marco Ruiz',
    email: `marco.${id}@globex.example`,
  });
  const priya = await aContact(db(), org, customer.id, {
    name: 'Priya N.',
    email: `priya.${id}@globex.example`,
  });
  const meeting = await anActivity(db(), org, customer.id, {
    kind: 'meeting',
    subject: 'Globex renewal call',
    occurredAt: new Date('2026-11-24T15:02:00Z'),
    conferenceId: String(id),
    source: 'google_calendar',
    externalId: `event-${id}`,
  });
  suite.zoom.addRecording({
    uuid: `4545AAAiAAAA${id}//bC==`,
    id,
    topic: 'Globex renewal call',
    startTime: '2026-11-24T15:00:00Z',
    vtt: await vtt(),
    participants: participantsOf(id),
  });
  return { id, customer, marco, priya, meeting };
}

const speakerNamed = (speakers: SpeakerMapping[], speaker: string) =>
  speakers.find((s) => s.speaker === speaker);

describe('a call from Zoom, its speakers and the meeting’s participants', () => {
  it('links a speaker to the contact with the participant’s address, and marks the org’s member as internal', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const { id, priya } = await recordedMeeting(org, (n) => [
      { name: 'Dana Whitfield', email: admin.email },
      { name: 'Marco Ruiz', email: `marco.ruiz@other-${n}.example` },
      { name: 'Marco Ruiz', email: `mruiz@another-${n}.example` },
      { name: 'Priya Natarajan', email: `PRIYA.${n}@globex.example` },
      { name: 'Priya Natarajan' },
      { name: 'Priya Natarajan', email: `priya.${n}@globex.example` },
    ]);
    // Participants come a page at a time here: every page is read.
    suite.zoom.participantPageSize = 2;
    const pulled = await suite.app
      .client(admin.token)
      .meetings.fetchZoomTranscript.mutate({ meeting: String(id) });
    suite.zoom.participantPageSize = 300;
    const speakers = pulled.record?.speakers ?? [];

    expect(speakerNamed(speakers, 'Priya Natarajan')).toMatchObject({
      contactId: priya.id,
      name: 'Priya N.',
      email: priya.email,
      how: 'zoom_participant',
      internal: false,
    });
    expect(speakerNamed(speakers, 'Dana Whitfield')).toMatchObject({
      contactId: null,
      email: admin.email,
      how: 'zoom_participant',
      internal: true,
    });
    // Two Marco Ruizes with addresses no contact has: neither is guessed, nor the contact of that name.
    expect(speakerNamed(speakers, 'Marco Ruiz')).toMatchObject({ contactId: null, how: 'none' });
    const pages = suite.zoom.requests.filter(
      (r) => r.path.includes('/past_meetings/') && r.path.endsWith('/participants'),
    );
    expect(pages).toHaveLength(3);
    // The instance UUID holds "//": Zoom wants it encoded twice.
    expect(pages[0]?.path).toContain(encodeURIComponent(encodeURIComponent(`4545AAAiAAAA${id}//bC==`)));

    const followUp = await suite.app
      .client(admin.token)
      .meetings.proposeFollowUp.mutate({ id: pulled.record?.id ?? '' });
    const [action] = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ payload: { to: string[] } }>(
        sql`select payload from actions where id = ${followUp.actionIds[0] ?? null}::uuid`,
      ),
    );
    expect(action?.payload.to).toEqual([priya.email]);
  });

  it('matches a speaker Zoom knows no address of to the Calendar guest whose address reads as the name', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const { id, meeting } = await recordedMeeting(org, () => [{ name: 'Priya Natarajan' }]);
    await inOrg(db(), org.id, (tx) =>
      tx.insert(meetingGuests).values([
        { orgId: org.id, activityId: meeting.id, email: 'pnatarajan@globex.example', response: 'accepted' },
        { orgId: org.id, activityId: meeting.id, email: 'marco.ruiz@globex.example', response: 'accepted' },
      ]),
    );
    const pulled = await suite.app
      .client(admin.token)
      .meetings.fetchZoomTranscript.mutate({ meeting: String(id) });
    expect(speakerNamed(pulled.record?.speakers ?? [], 'Priya Natarajan')).toMatchObject({
      contactId: null,
      email: 'pnatarajan@globex.example',
      how: 'guest_address',
      internal: false,
    });
  });

  it('knows a guest who never spoke as the owner of a task handed to them', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const { meeting } = await recordedMeeting(org, () => []);
    await inOrg(db(), org.id, (tx) =>
      tx.insert(meetingGuests).values({
        orgId: org.id,
        activityId: meeting.id,
        email: 'lee.park@globex.example',
        name: 'Lee Park',
        response: 'accepted',
      }),
    );
    const stored = await suite.app.client(admin.token).meetings.importTranscript.mutate({
      activityId: meeting.id,
      format: 'plain',
      text: 'Dana Whitfield: Lee, can you send the list of admins by Friday?\nMarco Ruiz: Sure, that works for us.',
    });
    expect(stored.record.analysis.actionItems).toEqual([
      expect.objectContaining({ owner: 'Lee Park', text: expect.stringMatching(/list of admins/) }),
    ]);
  });

  it('stores the call when the Zoom app lacks the participants scope, speakers matched by name', async () => {
    const { org, admin } = await suite.orgWithZoom();
    // Zoom lists Priya with her contact's address; unread, she is matched by name, which fails.
    const { id, marco } = await recordedMeeting(org, (n) => [
      { name: 'Priya Natarajan', email: `priya.${n}@globex.example` },
    ]);
    // Last in this file: the fake keeps the scope withdrawn.
    suite.zoom.withdrawScope('meeting:read:list_past_participants');
    const pulled = await suite.app
      .client(admin.token)
      .meetings.fetchZoomTranscript.mutate({ meeting: String(id) });

    expect(pulled.outcome).toBe('created');
    const speakers = pulled.record?.speakers ?? [];
    expect(speakerNamed(speakers, 'Marco Ruiz')).toMatchObject({ contactId: marco.id, how: 'contact' });
    expect(speakerNamed(speakers, 'Priya Natarajan')).toMatchObject({ contactId: null, how: 'none' });
    expect(suite.app.logLines.join('\n')).toMatch(/zoom gave no participant list/);
  });
});
