import { describe, expect, it } from 'vitest';
import { readZoomContext } from '../../../extension/hosts/zoom/read-context.ts';
import { fixtureDocument } from '../support/fixture-page.ts';

describe('the Zoom adapter', () => {
  it('reads a recording: id from the URL, topic, start, the speakers once each', () => {
    const url = new URL('https://us06web.zoom.us/rec/play/Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK');
    expect(readZoomContext(fixtureDocument('zoom', 'recording-globex.html'), url)).toEqual({
      host: 'zoom',
      page: 'recording',
      meetingId: null,
      recordingId: 'Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK',
      topic: 'Globex Industrial <> CSCX — Quarterly business review',
      startTime: '2026-04-21T15:00:00Z',
      participants: [
        { email: null, name: 'Sam Carter', kind: 'person' },
        { email: null, name: 'Hank Scorpio', kind: 'person' },
        { email: null, name: 'Marge Bouvier', kind: 'person' },
      ],
    });
  });

  it('reads the web client: meeting id, title and the participants panel without labels', () => {
    const url = new URL('https://app.zoom.us/wc/81234567890/start');
    const context = readZoomContext(fixtureDocument('zoom', 'web-client-globex.html'), url);
    expect(context).toMatchObject({
      page: 'web-client',
      meetingId: '81234567890',
      topic: 'Globex Industrial weekly sync',
    });
    expect(context?.participants.map((p) => p.name)).toEqual(['Sam Carter', 'Hank Scorpio', 'Marge Bouvier']);
  });

  it('reads a meeting page: id from the URL, topic from the title', () => {
    const url = new URL('https://us05web.zoom.us/meeting/84400012345');
    expect(readZoomContext(fixtureDocument('zoom', 'meeting-initech.html'), url)).toMatchObject({
      page: 'meeting',
      meetingId: '84400012345',
      topic: 'Initech renewal call',
      participants: [],
    });
  });

  it('ignores Zoom pages about no meeting', () => {
    const url = new URL('https://zoom.us/pricing');
    expect(readZoomContext(fixtureDocument('zoom', 'meeting-initech.html'), url)).toBeNull();
  });
});
