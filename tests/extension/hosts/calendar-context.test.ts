import { describe, expect, it } from 'vitest';
import { dateWordsFor } from '../../../extension/hosts/calendar/date-words.ts';
import { decodeEventId } from '../../../extension/hosts/calendar/event-id.ts';
import { parseEventTimes } from '../../../extension/hosts/calendar/event-time.ts';
import { type CalendarPage, readCalendarContext } from '../../../extension/hosts/calendar/read-context.ts';
import { splitTrailingRole } from '../../../extension/hosts/calendar/role-labels.ts';
import { fixtureDocument } from '../support/fixture-page.ts';

const week = 'https://calendar.google.com/calendar/u/0/r/week/2026/4/26';
const eventPage = (eid: string) => `https://calendar.google.com/calendar/u/0/r/eventedit/${eid}`;

function pageAt(url: string, overrides: Partial<CalendarPage> = {}): CalendarPage {
  return { url: new URL(url), referenceYear: 2026, browserZone: 'UTC', ...overrides };
}

function read(name: string, url = week, overrides: Partial<CalendarPage> = {}) {
  return readCalendarContext(fixtureDocument('calendar', name), pageAt(url, overrides));
}

const guest = (
  email: string,
  name: string,
  flags: { organizer?: boolean; optional?: boolean; group?: boolean } = {},
) => ({
  email,
  name,
  organizer: false,
  optional: false,
  group: false,
  ...flags,
});

describe('the Calendar adapter on the details popover', () => {
  it('reads the open event: ids, times in the page zone, guests without the room, location, Meet id', () => {
    expect(read('event-popover-acme.html')).toEqual({
      host: 'calendar',
      eventId: '5ku0ft9rj2bq4mhd1pa7k3s8vo',
      recurringEventId: null,
      calendarId: 'csm@cscx.localhost',
      title: 'Acme Robotics — Renewal planning',
      start: '2026-04-26T14:00:00-07:00',
      end: '2026-04-26T15:00:00-07:00',
      recurrence: null,
      location: 'Boardroom (8)',
      attendees: [
        guest('csm@cscx.localhost', 'Sam Carter', { organizer: true }),
        guest('dana.reyes@acme-robotics.test', 'Dana Reyes'),
        guest('li.wei@acme-robotics.test', 'Li Wei'),
      ],
      guestListShortened: false,
      description: 'Agenda: renewal terms, seat count, SSO rollout. Deck: https://docs.example/acme-renewal',
      conferenceUrl: 'https://meet.google.com/abc-defg-hij',
      conference: {
        provider: 'google_meet',
        id: 'abc-defg-hij',
        url: 'https://meet.google.com/abc-defg-hij',
      },
    });
  });

  it("falls back to the browser's zone when the page names none", () => {
    const context = read('event-popover-initech.html', week, { browserZone: 'America/Chicago' });
    expect(context).toMatchObject({ start: '2026-04-27T10:30:00-05:00', end: '2026-04-27T11:15:00-05:00' });
  });

  it('reads a German popover: id on the dialog around it, recurrence line apart, labels off the names', () => {
    expect(
      read('event-popover-de.html', 'https://calendar.google.com/calendar/u/1/r/week/2026/4/30'),
    ).toEqual({
      host: 'calendar',
      eventId: '6gk2pd9s1ur4qb7l0hv3e8nmta_20260430T080000Z',
      recurringEventId: '6gk2pd9s1ur4qb7l0hv3e8nmta',
      calendarId: 'csm@cscx.localhost',
      title: 'Acme Robotics – Nutzungsrückblick',
      start: '2026-04-30T10:00:00+02:00',
      end: '2026-04-30T11:00:00+02:00',
      recurrence: 'Wöchentlich am Donnerstag',
      location: 'Acme HQ, Raum Atlas',
      attendees: [
        guest('csm@cscx.localhost', 'Sam Carter', { organizer: true }),
        guest('dana.reyes@acme-robotics.test', 'Dana Reyes'),
        guest('raj.patel@acme-robotics.test', 'Raj Patel', { optional: true }),
      ],
      guestListShortened: false,
      description: 'Agenda:\n1. Nutzungsrückblick\n2. Verlängerung',
      conferenceUrl: 'https://acme-robotics.zoom.us/j/84400012345?pwd=YWNtZQ',
      conference: {
        provider: 'zoom',
        id: '84400012345',
        url: 'https://acme-robotics.zoom.us/j/84400012345?pwd=YWNtZQ',
      },
    });
  });

  it('reads a French popover: the id from jslog, the recurrence glued after "⋅", a numbered agenda', () => {
    expect(read('event-popover-fr.html', 'https://calendar.google.com/calendar/u/0/r/week/2026/5/7')).toEqual(
      {
        host: 'calendar',
        eventId: '4fj8s2kq0m6hd1bt9vl3ce7rpa',
        recurringEventId: null,
        calendarId: null,
        title: 'Initech – point hebdomadaire',
        start: '2026-05-07T14:30:00+02:00',
        end: '2026-05-07T15:30:00+02:00',
        recurrence: 'Toutes les semaines le jeudi',
        location: null,
        attendees: [
          guest('csm@cscx.localhost', 'Sam Carter', { organizer: true }),
          guest('peter.gibbons@initech.test', 'Peter Gibbons'),
          guest('joanna.lumbergh@initech.test', 'Joanna Lumbergh', { optional: true }),
        ],
        guestListShortened: false,
        description: 'Ordre du jour :\n1. Tableaux de bord\n2. Formation SSO',
        conferenceUrl: 'https://meet.google.com/kln-opqr-stu',
        conference: {
          provider: 'google_meet',
          id: 'kln-opqr-stu',
          url: 'https://meet.google.com/kln-opqr-stu',
        },
      },
    );
  });

  it('tells a guest list cut short from a whole one by the popover\'s "N guests" line, rooms counted', () => {
    const page = (summary: string | null) => {
      const document = fixtureDocument('calendar', 'event-popover-acme.html');
      const line = document.querySelector('#xDetDlgAtt .bgOWSb');
      if (summary === null) line?.remove();
      else if (line) line.textContent = summary;
      return readCalendarContext(document, pageAt(week));
    };
    // Three people and a room listed: "4 guests" is the whole list, "14 guests" a part of it.
    expect(page('4 guests')).toMatchObject({ guestListShortened: false });
    expect(page('14 guests')).toMatchObject({ guestListShortened: true });
    expect(page('14 invités')).toMatchObject({ guestListShortened: true });
    expect(page(null)).toMatchObject({ guestListShortened: false });
    expect(page('Guests')).toMatchObject({ guestListShortened: false });
    expect(page('14 guests')).toMatchObject({
      attendees: [expect.anything(), expect.anything(), expect.anything()],
    });
  });

  it('sees no event once the popover is closed, whether Calendar removes or hides it', () => {
    const removed = fixtureDocument('calendar', 'event-popover-acme.html');
    removed.querySelector('[data-chips-dialog]')?.remove();
    expect(readCalendarContext(removed, pageAt(week))).toBeNull();
    const hidden = fixtureDocument('calendar', 'event-popover-acme.html');
    hidden.querySelector('[data-chips-dialog]')?.setAttribute('aria-hidden', 'true');
    expect(readCalendarContext(hidden, pageAt(week))).toBeNull();
  });

  it('finds no event on a page without one', () => {
    const page = new DOMParser().parseFromString('<div role="grid"></div>', 'text/html');
    expect(readCalendarContext(page, pageAt(week))).toBeNull();
  });
});

describe('the Calendar adapter on the full event page', () => {
  const acmeEid = 'NWt1MGZ0OXJqMmJxNG1oZDFwYTdrM3M4dm8gY3NtQGNzY3gubG9jYWxob3N0';

  it('reads guests by data-email, the Zoom link and its number, the typed dates as ISO times', () => {
    expect(read('event-page-acme.html', eventPage(acmeEid))).toEqual({
      host: 'calendar',
      eventId: '5ku0ft9rj2bq4mhd1pa7k3s8vo',
      recurringEventId: null,
      calendarId: 'csm@cscx.localhost',
      title: 'Acme Robotics — Renewal planning',
      start: '2026-04-26T14:00:00-07:00',
      end: '2026-04-26T15:00:00-07:00',
      recurrence: null,
      location: null,
      attendees: [
        guest('csm@cscx.localhost', 'Sam Carter', { organizer: true }),
        guest('dana.reyes@acme-robotics.test', 'Dana Reyes'),
        guest('li.wei@acme-robotics.test', ''),
      ],
      guestListShortened: false,
      description: 'Agenda: renewal terms, seat count, SSO rollout.',
      conferenceUrl: 'https://us06web.zoom.us/j/81234567890?pwd=Zm9vYmFy',
      conference: {
        provider: 'zoom',
        id: '81234567890',
        url: 'https://us06web.zoom.us/j/81234567890?pwd=Zm9vYmFy',
      },
    });
  });

  it('takes the id from the container itself and leaves the open guest suggestions out', () => {
    const eid = 'N2UxYWgwbHEzbjhmZ3Q1djJkazljYnI0bXVfMjAyNjA0MzBUMTcwMDAwWiBjc21AY3NjeC5sb2NhbGhvc3Q';
    expect(read('event-page-initech-variant.html', eventPage(eid))).toEqual({
      host: 'calendar',
      eventId: '7e1ah0lq3n8fgt5v2dk9cbr4mu_20260430T170000Z',
      recurringEventId: '7e1ah0lq3n8fgt5v2dk9cbr4mu',
      calendarId: 'csm@cscx.localhost',
      title: 'Initech onboarding check-in',
      start: '2026-04-30T13:00:00-04:00',
      end: '2026-04-30T14:00:00-04:00',
      recurrence: null,
      location: 'Initech HQ, 4120 Freidrich Ln, Austin',
      attendees: [
        guest('csm@cscx.localhost', 'Sam Carter', { organizer: true }),
        guest('peter.gibbons@initech.test', 'Peter Gibbons'),
        guest('joanna.lumbergh@initech.test', 'Joanna Lumbergh', { optional: true }),
        guest('it-ops@initech.test', 'Initech IT Ops', { group: true }),
      ],
      guestListShortened: false,
      description:
        'Agenda:\n1. SSO set-up\n2. First dashboards\n\nJoin Zoom Meeting\nhttps://initech.zoom.us/j/81234567890?pwd=aW5pdGVjaA\nMeeting ID: 812 3456 7890',
      conferenceUrl: 'https://initech.zoom.us/j/81234567890?pwd=aW5pdGVjaA',
      conference: {
        provider: 'zoom',
        id: '81234567890',
        url: 'https://initech.zoom.us/j/81234567890?pwd=aW5pdGVjaA',
      },
    });
  });

  it('reads a German page whose id is only in the URL, with day.month.year dates', () => {
    const eid = 'M2hxOHYwYzJtczZ0YmsxcDlmZDRlN3JqbGFfMjAyNjA0MzBUMDgwMDAwWiBjc21AY3NjeC5sb2NhbGhvc3Q';
    expect(read('event-page-de.html', eventPage(eid))).toEqual({
      host: 'calendar',
      eventId: '3hq8v0c2ms6tbk1p9fd4e7rjla_20260430T080000Z',
      recurringEventId: '3hq8v0c2ms6tbk1p9fd4e7rjla',
      calendarId: 'csm@cscx.localhost',
      title: 'Globex Industrial – Quartalsgespräch',
      start: '2026-04-30T10:00:00+02:00',
      end: '2026-04-30T11:00:00+02:00',
      recurrence: null,
      location: 'Globex Campus, Cypress Creek',
      attendees: [
        guest('csm@cscx.localhost', 'Sam Carter', { organizer: true }),
        guest('hank.scorpio@globex.test', 'Hank Scorpio'),
        guest('marge.bouvier@globex.test', 'Marge Bouvier', { optional: true }),
      ],
      guestListShortened: false,
      description: 'Agenda:\n1. Nutzung im Quartal\n2. Verlängerung',
      conferenceUrl: 'https://meet.google.com/kln-opqr-stu',
      conference: {
        provider: 'google_meet',
        id: 'kln-opqr-stu',
        url: 'https://meet.google.com/kln-opqr-stu',
      },
    });
  });
});

describe("Calendar's event ids", () => {
  it('decodes base64 ids into the API id, its series and the calendar address', () => {
    expect(decodeEventId(btoa('abc123_20260426T140000Z someone@example.com'))).toEqual({
      eventId: 'abc123_20260426T140000Z',
      recurringEventId: 'abc123',
      calendarId: 'someone@example.com',
    });
  });

  it('reads URL-safe unpadded ids and expands the short gmail.com address', () => {
    expect(decodeEventId('MmI5dHE1bTB2azdqZDNobDhjczFmNnJwdWUgY3NtQG0')).toEqual({
      eventId: '2b9tq5m0vk7jd3hl8cs1f6rpue',
      recurringEventId: null,
      calendarId: 'csm@gmail.com',
    });
  });

  it('keeps raw ids and refuses empty ones', () => {
    expect(decodeEventId('rawid')).toEqual({ eventId: 'rawid', recurringEventId: null, calendarId: null });
    expect(decodeEventId('')).toBeNull();
  });
});

describe('role labels beside a name', () => {
  it.each([
    ['Ana SilvaOrganizer', 'Ana Silva', 'organizer'],
    ['Raj PatelOptional', 'Raj Patel', 'optional'],
    ['Acme OpsGroup', 'Acme Ops', 'group'],
    ['Ana Silva (Organisateur)', 'Ana Silva', 'organizer'],
    ['Raj Patel · optional', 'Raj Patel', 'optional'],
  ])('"%s" is %s, flagged %s', (text, name, role) => {
    expect(splitTrailingRole(text)).toEqual({ name, role });
  });

  it('leaves a name that merely ends in a label word after a space', () => {
    expect(splitTrailingRole('Acme Ops Group')).toEqual({ name: 'Acme Ops Group', role: null });
  });
});

describe("Calendar's date line", () => {
  const inZone = (locale: string, zone: string) => ({
    referenceYear: 2026,
    words: dateWordsFor(locale),
    zone: { name: zone },
  });
  const la = inZone('en', 'America/Los_Angeles');

  it.each([
    ['Wednesday, April 26⋅2:00 – 3:00pm', '2026-04-26T14:00:00-07:00', '2026-04-26T15:00:00-07:00'],
    ['Wednesday, April 26⋅11:30am – 12:15pm', '2026-04-26T11:30:00-07:00', '2026-04-26T12:15:00-07:00'],
    ['Wednesday, April 26⋅2 – 3pm', '2026-04-26T14:00:00-07:00', '2026-04-26T15:00:00-07:00'],
    [
      'April 25, 2023, 11:15pm – April 26, 2023, 6:45am',
      '2023-04-25T23:15:00-07:00',
      '2023-04-26T06:45:00-07:00',
    ],
    [
      'Thursday, December 31⋅11:00pm – Friday, January 1⋅1:00am',
      '2026-12-31T23:00:00-08:00',
      '2027-01-01T01:00:00-08:00',
    ],
    ['Friday, May 1', '2026-05-01', null],
    ['Monday, August 24 – Tuesday, August 25', '2026-08-24', '2026-08-25'],
  ])('reads "%s"', (line, start, end) => {
    expect(parseEventTimes(line, la)).toMatchObject({ start, end, rest: '' });
  });

  it.each([
    [
      'de',
      'Donnerstag, 30. April⋅10:00 – 11:00 Uhr',
      '2026-04-30T10:00:00+02:00',
      '2026-04-30T11:00:00+02:00',
    ],
    [
      'de',
      '30. April 2026, 23:15 – 1. Mai 2026, 06:45',
      '2026-04-30T23:15:00+02:00',
      '2026-05-01T06:45:00+02:00',
    ],
    ['fr', 'mercredi 26 avril, 14:00 – 15:00', '2026-04-26T14:00:00+02:00', '2026-04-26T15:00:00+02:00'],
    [
      'fr',
      '30 avr. 2026 10:00 – 30 avr. 2026 11:00',
      '2026-04-30T10:00:00+02:00',
      '2026-04-30T11:00:00+02:00',
    ],
    ['es', 'jueves, 30 de abril⋅10:00 – 11:00', '2026-04-30T10:00:00+02:00', '2026-04-30T11:00:00+02:00'],
    ['de', '26.12.2026 09:00 – 26.12.2026 10:00', '2026-12-26T09:00:00+01:00', '2026-12-26T10:00:00+01:00'],
  ])('reads the %s line "%s" with summer and winter offsets', (locale, line, start, end) => {
    expect(parseEventTimes(line, inZone(locale, 'Europe/Berlin'))).toMatchObject({ start, end });
  });

  it('hands back a recurrence glued on after the times', () => {
    expect(parseEventTimes('Sunday, April 26⋅2:00 – 3:00pm⋅Weekly on Sunday', la)).toMatchObject({
      end: '2026-04-26T15:00:00-07:00',
      rest: 'Weekly on Sunday',
    });
  });

  it('uses a fixed offset when that is all the page gives', () => {
    const fixed = { ...la, zone: { offsetMinutes: 330 } };
    expect(parseEventTimes('Friday, May 1⋅9:00 – 9:30am', fixed)?.start).toBe('2026-05-01T09:00:00+05:30');
  });

  it('gives up on lines that name no date', () => {
    expect(parseEventTimes('Weekly on Thursday', la)).toBeNull();
    expect(parseEventTimes('2 guests', la)).toBeNull();
  });
});
