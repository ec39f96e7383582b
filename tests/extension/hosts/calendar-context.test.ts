import { describe, expect, it } from 'vitest';
import { parseEventTimes } from '../../../extension/hosts/calendar/event-time.ts';
import { decodeEventId, readCalendarContext } from '../../../extension/hosts/calendar/read-context.ts';
import { fixtureDocument } from '../support/fixture-page.ts';

describe('the Calendar adapter', () => {
  it('reads the open event from the details popover, leaving the room out', () => {
    const context = readCalendarContext(fixtureDocument('calendar', 'event-popover-acme.html'), 2026);
    expect(context).toEqual({
      host: 'calendar',
      eventId: '5ku0ft9rj2bq4mhd1pa7k3s8vo',
      recurringEventId: null,
      calendarId: null,
      title: 'Acme Robotics — Renewal planning',
      start: '2026-04-26T14:00',
      end: '2026-04-26T15:00',
      recurrence: null,
      location: null,
      attendees: [
        { email: 'csm@cscx.localhost', name: 'Sam Carter' },
        { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes' },
        { email: 'li.wei@acme-robotics.test', name: 'Li Wei' },
      ],
      description: 'Agenda: renewal terms, seat count, SSO rollout. Deck: https://docs.example/acme-renewal',
      conferenceUrl: 'https://meet.google.com/abc-defg-hij',
      conference: null,
    });
  });

  it('reads the full event page: guests by data-email, the Zoom link, the typed dates', () => {
    const context = readCalendarContext(fixtureDocument('calendar', 'event-page-acme.html'), 2026);
    expect(context).toMatchObject({
      eventId: '5ku0ft9rj2bq4mhd1pa7k3s8vo',
      title: 'Acme Robotics — Renewal planning',
      start: 'Apr 26, 2026 2:00pm',
      end: 'Apr 26, 2026 3:00pm',
      description: 'Agenda: renewal terms, seat count, SSO rollout.',
      conferenceUrl: 'https://us06web.zoom.us/j/81234567890?pwd=Zm9vYmFy',
    });
    expect(context?.attendees).toEqual([
      { email: 'csm@cscx.localhost', name: 'Sam Carter' },
      { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes' },
      { email: 'li.wei@acme-robotics.test', name: '' },
    ]);
  });

  it('finds no event on a page without one', () => {
    const page = new DOMParser().parseFromString('<div role="grid"></div>', 'text/html');
    expect(readCalendarContext(page, 2026)).toBeNull();
  });

  it('decodes base64 event ids and keeps raw ones', () => {
    expect(decodeEventId(btoa('abc123_20260426T140000Z someone@example.com'))).toBe(
      'abc123_20260426T140000Z',
    );
    expect(decodeEventId('rawid')).toBe('rawid');
    expect(decodeEventId('')).toBeNull();
  });
});

describe("Calendar's date line", () => {
  it.each([
    ['Wednesday, April 26⋅2:00 – 3:00pm', { start: '2026-04-26T14:00', end: '2026-04-26T15:00' }],
    ['Wednesday, April 26⋅11:30am – 12:15pm', { start: '2026-04-26T11:30', end: '2026-04-26T12:15' }],
    [
      'April 25, 2023, 11:15pm – April 26, 2023, 6:45am',
      { start: '2023-04-25T23:15', end: '2023-04-26T06:45' },
    ],
    ['Friday, May 1', { start: '2026-05-01', end: null }],
  ])('reads "%s"', (line, expected) => {
    expect(parseEventTimes(line, 2026)).toEqual(expected);
  });

  it('gives up on wording it does not know', () => {
    expect(parseEventTimes('mercredi 26 avril, 14:00 – 15:00', 2026)).toBeNull();
  });
});
