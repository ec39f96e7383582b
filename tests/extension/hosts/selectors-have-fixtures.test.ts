import { describe, expect, it } from 'vitest';
import { calendarSelectors } from '../../../extension/hosts/calendar/selectors.ts';
import { gmailSelectors } from '../../../extension/hosts/gmail/selectors.ts';
import { zoomSelectors } from '../../../extension/hosts/zoom/selectors.ts';
import { fixtureDocument } from '../support/fixture-page.ts';

const hosts = [
  {
    host: 'calendar',
    selectors: calendarSelectors,
    fixtures: [
      'event-popover-acme.html',
      'event-popover-initech.html',
      'event-page-acme.html',
      'event-popover-de.html',
      'event-popover-fr.html',
      'event-page-initech-variant.html',
      'event-page-de.html',
    ],
  },
  {
    host: 'zoom',
    selectors: zoomSelectors,
    fixtures: [
      'recording-globex.html',
      'web-client-globex.html',
      'meeting-initech.html',
      'recording-page-data.html',
      'web-client-waiting-room.html',
      'meeting-topic-row.html',
      'meeting-topic-de.html',
    ],
  },
  { host: 'gmail', selectors: gmailSelectors, fixtures: ['thread-acme.html'] },
];

describe('every host selector has a fixture', () => {
  for (const { host, selectors, fixtures } of hosts) {
    const documents = fixtures.map((name) => fixtureDocument(host, name));
    for (const [name, selector] of Object.entries(selectors)) {
      it(`${host}.${name} matches an element in a ${host} fixture`, () => {
        expect(documents.some((doc) => doc.querySelector(selector) !== null)).toBe(true);
      });
    }
  }
});
