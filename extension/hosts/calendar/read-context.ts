import type { CalendarEventContext } from '../../../shared/host-context.ts';
import { dateWordsFor } from './date-words.ts';
import type { DateLineContext } from './event-time.ts';
import { readEventPage } from './read-event-page.ts';
import { readPopover } from './read-popover.ts';
import { calendarSelectors as s, calendarUrlPatterns as urls } from './selectors.ts';
import { isTimeZoneName, type PageZone } from './time-zone.ts';

/** What the adapter knows about the page besides its DOM. */
export interface CalendarPage {
  url: URL;
  /** The year Calendar leaves out of dates in the current one. */
  referenceYear: number;
  /** Used when the page does not say which zone it shows times in. */
  browserZone: string;
}

/** The open event: the details popover when one is shown, else the full event page, else null. */
export function readCalendarContext(doc: Document, page: CalendarPage): CalendarEventContext | null {
  const dates = dateLineContext(doc, page);
  const popover = openPopover(doc);
  if (popover) return readPopover(popover, dates);
  const urlEventId = urls.eventPage.exec(page.url.pathname)?.[1] ?? null;
  const container = doc.querySelector(s.eventPage);
  // Without the container, an event page URL still names the event once its form has rendered.
  const eventPage = container ?? (urlEventId && doc.querySelector(s.eventPageTitle) ? doc.body : null);
  return eventPage ? readEventPage(eventPage, urlEventId, dates) : null;
}

function openPopover(doc: Document): Element | null {
  for (const candidate of doc.querySelectorAll(s.popover)) {
    if (!candidate.closest(s.hiddenPopover)) return candidate;
  }
  return null;
}

function dateLineContext(doc: Document, page: CalendarPage): DateLineContext {
  const locale = textOf(doc, s.pageLocale) || doc.documentElement.lang || 'en';
  return {
    referenceYear: page.referenceYear,
    words: dateWordsFor(locale),
    zone: pageZone(doc, page.browserZone),
  };
}

function pageZone(doc: Document, browserZone: string): PageZone {
  const name = textOf(doc, s.pageTimeZone);
  if (name && isTimeZoneName(name)) return { name };
  const offset = textOf(doc, s.pageGmtOffset);
  if (offset && Number.isFinite(Number(offset)))
    return { offsetMinutes: Math.round(Number(offset) / 60_000) };
  return { name: browserZone };
}

function textOf(doc: Document, selector: string): string {
  return doc.querySelector(selector)?.textContent?.trim() ?? '';
}
