import { describe, expect, it } from 'vitest';
import { withoutNameLabels } from '../../../extension/hosts/zoom/participants.ts';
import { readZoomContext } from '../../../extension/hosts/zoom/read-context.ts';
import { contextPeople } from '../../../shared/host-context.ts';
import { fixtureDocument } from '../support/fixture-page.ts';

const read = (name: string, url: string) => readZoomContext(fixtureDocument('zoom', name), new URL(url));
const person = (name: string) => ({ email: null, name, kind: 'person' });

describe('the Zoom adapter', () => {
  it('reads a recording: id from the URL, topic, start, the speakers once each', () => {
    expect(
      read('recording-globex.html', 'https://us06web.zoom.us/rec/play/Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK'),
    ).toEqual({
      host: 'zoom',
      page: 'recording',
      meetingId: null,
      recordingId: 'Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK',
      topic: 'Globex Industrial <> CSCX — Quarterly business review',
      startTime: '2026-04-21T15:00:00Z',
      participants: [person('Sam Carter'), person('Hank Scorpio'), person('Marge Bouvier')],
    });
  });

  it('reads a recording whose topic is only in the page data and whose speakers are only in aria-labels', () => {
    expect(
      read('recording-page-data.html', 'https://us06web.zoom.us/rec/share/Qm9uZXNPZlRoZVJlY29yZGluZw'),
    ).toEqual({
      host: 'zoom',
      page: 'recording',
      meetingId: null,
      recordingId: 'Qm9uZXNPZlRoZVJlY29yZGluZw',
      topic: 'Initech renewal call',
      startTime: null,
      participants: [
        person('Sam Carter'),
        person('Peter Gibbons'),
        { ...person('Fathom Notetaker'), kind: 'bot' },
      ],
    });
  });

  it('reads the web client: meeting id, title and the participants panel without labels', () => {
    const context = read('web-client-globex.html', 'https://app.zoom.us/wc/81234567890/start');
    expect(context).toEqual({
      host: 'zoom',
      page: 'web-client',
      meetingId: '81234567890',
      recordingId: null,
      topic: 'Globex Industrial weekly sync',
      startTime: null,
      participants: [person('Sam Carter'), person('Hank Scorpio'), person('Marge Bouvier')],
    });
  });

  it('leaves the Waiting Room out of the web client and marks dial-ins and bots', () => {
    const context = read('web-client-waiting-room.html', 'https://app.zoom.us/wc/join/81234567892');
    expect(context).toMatchObject({
      page: 'web-client',
      meetingId: '81234567892',
      topic: 'Globex Industrial weekly sync',
    });
    expect(context?.participants).toEqual([
      person('Sam Carter'),
      person('Hank Scorpio'),
      { ...person('+1 415 555 0132'), kind: 'phone' },
      { ...person('Otter.ai'), kind: 'bot' },
      { ...person('Fireflies.ai Notetaker'), kind: 'bot' },
      person('Marge Bouvier'),
    ]);
  });

  it('keeps dial-ins and bots out of the people a lookup or "Add to customer" sees', () => {
    const context = read('web-client-waiting-room.html', 'https://app.zoom.us/wc/join/81234567892');
    expect(context && contextPeople(context).map((p) => p.name)).toEqual([
      'Sam Carter',
      'Hank Scorpio',
      'Marge Bouvier',
    ]);
  });

  it('reads a meeting page: id from the URL, topic from the title when it names the meeting', () => {
    expect(read('meeting-initech.html', 'https://us05web.zoom.us/meeting/84400012345')).toMatchObject({
      page: 'meeting',
      meetingId: '84400012345',
      topic: 'Initech renewal call',
      participants: [],
    });
  });

  it('reads the topic row of a meeting page whose title names the list', () => {
    expect(read('meeting-topic-row.html', 'https://us05web.zoom.us/meeting/84400012346')).toEqual({
      host: 'zoom',
      page: 'meeting',
      meetingId: '84400012346',
      recordingId: null,
      topic: 'Initech renewal call',
      startTime: null,
      participants: [],
    });
  });

  it('reads a German meeting page whose rows are a definition list one level down', () => {
    expect(read('meeting-topic-de.html', 'https://zoom.us/meeting/81234567891')).toMatchObject({
      meetingId: '81234567891',
      topic: 'Globex Industrial weekly sync',
    });
  });

  it('gives no topic rather than the name of a list', () => {
    const doc = fixtureDocument('zoom', 'meeting-topic-row.html');
    for (const row of doc.querySelectorAll('.form-group')) row.remove();
    expect(readZoomContext(doc, new URL('https://us05web.zoom.us/meeting/84400012346'))?.topic).toBe('');
  });

  it('ignores Zoom pages about no meeting', () => {
    expect(read('meeting-initech.html', 'https://zoom.us/pricing')).toBeNull();
  });
});

describe("Zoom's name labels", () => {
  it.each([
    ['Sam Carter (Host, Me)', 'Sam Carter'],
    ['Sam Carter(Co-host)', 'Sam Carter'],
    ['Lena Vogt (Gastgeber, ich)', 'Lena Vogt'],
    ['Acme (EMEA)', 'Acme (EMEA)'],
  ])('"%s" is "%s"', (shown, name) => {
    expect(withoutNameLabels(shown)).toBe(name);
  });
});
