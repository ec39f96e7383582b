import { describe, expect, it } from 'vitest';
import { meetingPathId } from '../../backend/integrations/connections/zoom.ts';
import { callSignalEvents } from '../../backend/meetings/call-records/call-signals.ts';
import { mapSpeakers } from '../../backend/meetings/call-records/speakers.ts';
import { verifyZoomRequest, zoomSignature } from '../../backend/meetings/zoom/webhook-signature.ts';
import type { MeetingAnalysis } from '../../shared/api/meetings.ts';

const contacts = [
  { id: 'c-marco', name: 'Marco Ruiz', email: 'marco@globex.example' },
  { id: 'c-priya', name: 'Priya Natarajan', email: 'priya@globex.example' },
  { id: 'c-priyanka', name: 'Priyanka Shah', email: 'priyanka@globex.example' },
];

describe('who a speaker is', () => {
  it('matches a contact by the whole name, whatever the case and spacing', () => {
    expect(mapSpeakers(['  marco   RUIZ '], contacts, [])[0]).toMatchObject({
      contactId: 'c-marco',
      how: 'contact',
    });
  });

  it('takes a first name alone only when one contact has it', () => {
    const [marco, nobody] = mapSpeakers(['Marco', 'Sam'], contacts, []);
    expect(marco).toMatchObject({ contactId: 'c-marco' });
    expect(nobody).toMatchObject({ contactId: null, name: 'Sam', how: 'none' });
  });

  it('puts a remembered fix before a name match', () => {
    const [mapped] = mapSpeakers(['Marco Ruiz'], contacts, [
      { speakerKey: 'marco ruiz', contactId: 'c-priya', name: 'Priya Natarajan' },
    ]);
    expect(mapped).toMatchObject({ contactId: 'c-priya', email: 'priya@globex.example', how: 'remembered' });
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
