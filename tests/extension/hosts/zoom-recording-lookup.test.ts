import { describe, expect, it } from 'vitest';
import { readZoomContext } from '../../../extension/hosts/zoom/read-context.ts';
import { callRecordLookup } from '../../../extension/sidebar/call-record/call-record-query.ts';
import { fixtureDocument } from '../support/fixture-page.ts';

const lookupOn = (name: string, url: string) => {
  const context = readZoomContext(fixtureDocument('zoom', name), new URL(url));
  if (!context) throw new Error(`${name} read as no Zoom page`);
  return callRecordLookup(context);
};

describe('what a Zoom page asks meetings.callRecord for', () => {
  it('a play page with no meeting number: its token, then its topic on its day', () => {
    expect(
      lookupOn('recording-globex.html', 'https://us06web.zoom.us/rec/play/Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK'),
    ).toEqual({
      recordingId: 'Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK',
      topic: 'Globex Industrial <> CSCX — Quarterly business review',
      startTime: '2026-04-21T15:00:00Z',
    });
  });

  it('a share page showing no start time: its token alone (a topic without a day names nothing)', () => {
    expect(
      lookupOn('recording-page-data.html', 'https://us06web.zoom.us/rec/share/Qm9uZXNPZlRoZVJlY29yZGluZw'),
    ).toEqual({ recordingId: 'Qm9uZXNPZlRoZVJlY29yZGluZw' });
  });

  it('a meeting page: its number and topic, no recording id', () => {
    expect(lookupOn('meeting-initech.html', 'https://us06web.zoom.us/meeting/84400012345')).toMatchObject({
      conferenceId: '84400012345',
    });
    expect(
      lookupOn('meeting-initech.html', 'https://us06web.zoom.us/meeting/84400012345'),
    ).not.toHaveProperty('recordingId');
  });
});
