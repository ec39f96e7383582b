import { describe, expect, it } from 'vitest';
import { meetingPathId } from '../../backend/integrations/connections/zoom.ts';
import { callSignalEvents } from '../../backend/meetings/call-records/call-signals.ts';
import { mapSpeakers, type SpeakerEvidence } from '../../backend/meetings/call-records/speakers.ts';
import { verifyZoomRequest, zoomSignature } from '../../backend/meetings/zoom/webhook-signature.ts';
import type { MeetingAnalysis } from '../../shared/api/meetings.ts';

const contacts = [
  { id: 'c-marco', name: 'Marco Ruiz', email: 'marco@globex.example' },
  { id: 'c-priya', name: 'Priya N.', email: 'priya@globex.example' },
  { id: 'c-priyanka', name: 'Priyanka Shah', email: 'priyanka@globex.example' },
];
const members = [{ name: 'Jordan Lee', email: 'jordan@cscx.example' }];
const nothing: SpeakerEvidence = {
  attendees: [],
  contacts,
  members,
  orgDomains: ['cscx.example'],
  remembered: [],
};
const zoom = (name: string, email: string | null = null) => ({
  name,
  email,
  source: 'zoom_participant' as const,
});
const guest = (email: string, name = '') => ({ name, email, source: 'calendar_guest' as const });
const mapOne = (speaker: string, evidence: Partial<SpeakerEvidence> = {}) =>
  mapSpeakers([speaker], { ...nothing, ...evidence })[0];

describe('who a speaker is', () => {
  it('matches a contact by the whole name, whatever the case and spacing', () => {
    expect(mapOne('  marco   RUIZ ')).toMatchObject({
      contactId: 'c-marco',
      how: 'contact',
      internal: false,
    });
  });

  it('takes a first name alone only when one contact has it', () => {
    const [marco, nobody] = mapSpeakers(['Marco', 'Sam'], nothing);
    expect(marco).toMatchObject({ contactId: 'c-marco' });
    expect(nobody).toMatchObject({ contactId: null, name: 'Sam', email: null, how: 'none' });
  });

  it('puts a remembered fix before the Zoom participant, the guest and the name', () => {
    const mapped = mapOne('Marco Ruiz', {
      attendees: [zoom('Marco Ruiz', 'marco@globex.example'), guest('marco@globex.example', 'Marco Ruiz')],
      remembered: [{ speakerKey: 'marco ruiz', contactId: 'c-priya', name: 'Priya N.' }],
    });
    expect(mapped).toMatchObject({ contactId: 'c-priya', email: 'priya@globex.example', how: 'remembered' });
  });

  it('leaves aside a remembered fix naming another customer’s contact', () => {
    const mapped = mapOne('Marco Ruiz', {
      remembered: [{ speakerKey: 'marco ruiz', contactId: 'c-of-initech', name: 'Marco Ruiz' }],
    });
    expect(mapped).toMatchObject({ contactId: 'c-marco', how: 'contact' });
  });

  it('links a Zoom participant to the contact with its address, whatever name the CRM has', () => {
    const mapped = mapOne('Priya Natarajan', {
      attendees: [zoom('Priya Natarajan', 'Priya@Globex.example')],
    });
    expect(mapped).toMatchObject({
      contactId: 'c-priya',
      name: 'Priya N.',
      email: 'priya@globex.example',
      how: 'zoom_participant',
      internal: false,
    });
  });

  it('keeps the address of an attendee who is not a contact yet', () => {
    expect(mapOne('Lee Park', { attendees: [guest('lee.park@globex.example', 'Lee Park')] })).toMatchObject({
      contactId: null,
      name: 'Lee Park',
      email: 'lee.park@globex.example',
      how: 'calendar_guest',
    });
  });

  it('goes on to the guest list when Zoom knows no address for the participant', () => {
    const mapped = mapOne('Jakob Sharma', {
      attendees: [zoom('Jakob Sharma'), guest('jakob.sharma@globex.example')],
    });
    expect(mapped).toMatchObject({ email: 'jakob.sharma@globex.example', how: 'guest_address' });
  });

  it.each([
    'jakob.sharma',
    'jakob_sharma',
    'jakob-sharma',
    'jakobsharma',
    'jsharma',
    'j.sharma',
    'sharma.jakob',
    'Jakob.Sharma+zoom',
    'jakob.sharma2',
  ])('reads the address %s@ as Jakob Sharma', (local) => {
    const mapped = mapOne('Jakob Sharma', { attendees: [guest(`${local}@globex.example`)] });
    expect(mapped).toMatchObject({ email: `${local.toLowerCase()}@globex.example`, how: 'guest_address' });
  });

  it('reads accents away, and takes no address that only shares a name', () => {
    expect(mapOne('José Núñez', { attendees: [guest('jose.nunez@globex.example')] })).toMatchObject({
      how: 'guest_address',
    });
    for (const local of ['jake', 'sharma', 'jakob', 'jakob.smith', 'ksharma'])
      expect(mapOne('Jakob Sharma', { attendees: [guest(`${local}@globex.example`)] })).toMatchObject({
        how: 'none',
        email: null,
      });
  });

  it('never guesses between two guests of the same first name, and tells them apart by the whole name', () => {
    const attendees = [guest('sam.ortiz@globex.example', 'Sam Ortiz'), guest('sam.park@globex.example')];
    expect(mapOne('Sam', { attendees })).toMatchObject({ how: 'none', email: null });
    expect(mapOne('Sam Park', { attendees })).toMatchObject({ email: 'sam.park@globex.example' });
    expect(mapOne('Sam Ortiz', { attendees })).toMatchObject({ email: 'sam.ortiz@globex.example' });
  });

  it('takes a participant who rejoined without an address for the same person', () => {
    const mapped = mapOne('Priya Natarajan', {
      attendees: [zoom('Priya Natarajan'), zoom('Priya Natarajan', 'priya@globex.example')],
    });
    expect(mapped).toMatchObject({ contactId: 'c-priya', how: 'zoom_participant' });
  });

  it('does not fall back to a weaker match when two Zoom participants share the name', () => {
    const mapped = mapOne('Marco Ruiz', {
      attendees: [zoom('Marco Ruiz', 'marco@globex.example'), zoom('Marco Ruiz', 'mruiz@other.example')],
    });
    expect(mapped).toMatchObject({ contactId: null, how: 'none' });
  });

  it('maps the org’s own people as internal, never as the customer’s contact of the same name', () => {
    const namesake = [...contacts, { id: 'c-jordan', name: 'Jordan Lee', email: 'jlee@globex.example' }];
    expect(mapOne('Jordan Lee')).toMatchObject({
      contactId: null,
      email: 'jordan@cscx.example',
      how: 'member',
      internal: true,
    });
    expect(
      mapOne('Jordan Lee', { contacts: namesake, attendees: [zoom('Jordan Lee', 'jordan@cscx.example')] }),
    ).toMatchObject({ contactId: null, how: 'zoom_participant', internal: true });
    expect(mapOne('Dana Whitfield', { attendees: [guest('dana.whitfield@cscx.example')] })).toMatchObject({
      contactId: null,
      email: 'dana.whitfield@cscx.example',
      internal: true,
    });
    expect(mapOne('Jordan Lee', { contacts: namesake })).toMatchObject({ how: 'none' });
  });
});

const analysis = (signals: MeetingAnalysis['signals']): MeetingAnalysis => ({
  summary: '',
  decisions: [],
  actionItems: [],
  speakers: [],
  openQuestions: [],
  signals,
});

describe('the health signals of a call', () => {
  it('counts each kind once per call and each competitor on its own, under ids derived from the record', () => {
    const events = callSignalEvents({
      recordId: 'r1',
      activityId: 'a1',
      customerId: 'cu1',
      meetingAt: new Date('2026-11-24T15:00:00Z'),
      analysis: analysis([
        { kind: 'risk', label: 'churn', quote: 'q', turn: 1 },
        { kind: 'risk', label: 'budget cut', quote: 'q', turn: 2 },
        { kind: 'competitor', label: 'Zendesk', quote: 'q', turn: 2 },
      ]),
    });
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'call:r1:risk',
        kind: 'call.risk',
        value: 2,
        detail: { activityId: 'a1' },
      }),
      expect.objectContaining({
        eventId: 'call:r1:competitor:zendesk',
        kind: 'call.competitor',
        value: 1,
        detail: { activityId: 'a1', competitor: 'Zendesk' },
      }),
    ]);
  });
});

describe("Zoom's webhook signature", () => {
  const secret = 'webhook-secret';
  const body = '{"event":"recording.transcript_completed"}';
  const now = new Date('2026-11-24T15:00:00Z');
  const seconds = String(now.getTime() / 1000);

  it('accepts the signature over the exact body within the window, and refuses a changed body', () => {
    const signature = zoomSignature(secret, seconds, body);
    expect(verifyZoomRequest({ secret, signature, timestamp: seconds, rawBody: body, now })).toBe('ok');
    expect(verifyZoomRequest({ secret, signature, timestamp: seconds, rawBody: `${body} `, now })).toBe(
      'forged',
    );
  });

  it('calls a correctly signed request from six minutes ago stale', () => {
    const old = String(now.getTime() / 1000 - 360);
    const signature = zoomSignature(secret, old, body);
    expect(verifyZoomRequest({ secret, signature, timestamp: old, rawBody: body, now })).toBe('stale');
  });
});

describe('a meeting in a Zoom API path', () => {
  it('encodes a UUID once, or twice when it starts with "/" or holds "//"', () => {
    expect(meetingPathId('84400012345')).toBe('84400012345');
    expect(meetingPathId('aDYlohsHRtCd4ii1uC2+hA==')).toBe('aDYlohsHRtCd4ii1uC2%2BhA%3D%3D');
    expect(meetingPathId('/ajXp112QmuoKj4854875==')).toBe('%252FajXp112QmuoKj4854875%253D%253D');
  });
});
