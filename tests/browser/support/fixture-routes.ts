import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { fixturesDir } from './paths.ts';

/** Real host URLs and the reconstructed page each one serves. */
export const fixturePages = {
  calendarAcme: {
    url: 'https://calendar.google.com/calendar/u/0/r/week/2026/4/26',
    file: 'calendar/event-popover-acme.html',
  },
  calendarInitech: {
    url: 'https://calendar.google.com/calendar/u/0/r/week/2026/4/27',
    file: 'calendar/event-popover-initech.html',
  },
  calendarEventPage: {
    url: 'https://calendar.google.com/calendar/u/0/r/eventedit/NWt1MGZ0OXJqMmJxNG1oZDFwYTdrM3M4dm8gY3NtQGNzY3gubG9jYWxob3N0',
    file: 'calendar/event-page-acme.html',
  },
  zoomRecording: {
    url: 'https://us06web.zoom.us/rec/play/Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK',
    file: 'zoom/recording-globex.html',
  },
  zoomWebClient: { url: 'https://app.zoom.us/wc/81234567890/start', file: 'zoom/web-client-globex.html' },
  zoomMeeting: { url: 'https://us05web.zoom.us/meeting/84400012345', file: 'zoom/meeting-initech.html' },
  gmailThread: { url: 'https://mail.google.com/mail/u/0/', file: 'gmail/thread-acme.html' },
  // Variants of the pages above, as other rebuilds of the real sites differ (issue 8).
  calendarPopoverDe: {
    url: 'https://calendar.google.com/calendar/u/1/r/week/2026/4/30',
    file: 'calendar/event-popover-de.html',
  },
  calendarPopoverFr: {
    url: 'https://calendar.google.com/calendar/u/0/r/week/2026/5/7',
    file: 'calendar/event-popover-fr.html',
  },
  calendarEventPageVariant: {
    url: 'https://calendar.google.com/calendar/u/0/r/eventedit/N2UxYWgwbHEzbjhmZ3Q1djJkazljYnI0bXVfMjAyNjA0MzBUMTcwMDAwWiBjc21AY3NjeC5sb2NhbGhvc3Q',
    file: 'calendar/event-page-initech-variant.html',
  },
  calendarEventPageDe: {
    url: 'https://calendar.google.com/calendar/u/0/r/eventedit/M2hxOHYwYzJtczZ0YmsxcDlmZDRlN3JqbGFfMjAyNjA0MzBUMDgwMDAwWiBjc21AY3NjeC5sb2NhbGhvc3Q',
    file: 'calendar/event-page-de.html',
  },
  zoomMeetingTopicRow: {
    url: 'https://us05web.zoom.us/meeting/84400012346',
    file: 'zoom/meeting-topic-row.html',
  },
  zoomMeetingDe: { url: 'https://zoom.us/meeting/81234567891', file: 'zoom/meeting-topic-de.html' },
  zoomWebClientWaitingRoom: {
    url: 'https://app.zoom.us/wc/join/81234567892',
    file: 'zoom/web-client-waiting-room.html',
  },
  zoomRecordingPageData: {
    url: 'https://us06web.zoom.us/rec/share/Qm9uZXNPZlRoZVJlY29yZGluZw',
    file: 'zoom/recording-page-data.html',
  },
  /** The Globex play page under a token no record and no Zoom recording has. */
  zoomRecordingUnknown: {
    url: 'https://us06web.zoom.us/rec/play/Zz9NotImported.Yet4Tok',
    file: 'zoom/recording-globex.html',
  },
} as const;

/** Serves the fixtures at their real addresses; any other request to those hosts is a 404, never the network. */
export async function routeFixturePages(context: BrowserContext): Promise<void> {
  const byUrl = new Map<string, string>(Object.values(fixturePages).map((p) => [p.url, p.file]));
  const serve = async (route: Parameters<Parameters<BrowserContext['route']>[1]>[0]) => {
    const url = new URL(route.request().url());
    const file = byUrl.get(`${url.origin}${url.pathname}`);
    if (!file) return route.fulfill({ status: 404, body: 'not a fixture' });
    return route.fulfill({
      contentType: 'text/html',
      body: readFileSync(path.join(fixturesDir, file), 'utf8'),
    });
  };
  await context.route('https://mail.google.com/**', serve);
  await context.route('https://calendar.google.com/**', serve);
  await context.route('https://zoom.us/**', serve);
  await context.route('https://*.zoom.us/**', serve);
}
