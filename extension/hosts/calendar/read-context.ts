import type { CalendarEventContext, Person } from '../../../shared/host-context.ts';
import { findConferenceLink } from '../conference-link.ts';
import { asEmail, uniquePeople, visibleText } from '../people.ts';
import { parseEventTimes } from './event-time.ts';
import { resourceCalendarDomain, calendarSelectors as s } from './selectors.ts';

/** The open event: the details popover when one is shown, else the full event page, else null. */
export function readCalendarContext(doc: Document, referenceYear: number): CalendarEventContext | null {
  const popover = doc.querySelector(s.popover);
  if (popover) return readPopover(popover, referenceYear);
  const page = doc.querySelector(s.eventPage);
  return page ? readEventPage(page) : null;
}

function readPopover(popover: Element, referenceYear: number): CalendarEventContext | null {
  const eventId = decodeEventId(popover.getAttribute('data-eventid'));
  if (!eventId) return null;
  const root = popover.closest('#xDetDlg') ?? popover;
  const whenText = visibleText(root.querySelector(s.popoverWhen));
  const times = parseEventTimes(whenText, referenceYear);
  const description = readDescription(root.querySelector(s.popoverDescription));
  const conference = root.querySelector(s.conference);
  return {
    host: 'calendar',
    eventId,
    recurringEventId: null,
    calendarId: null,
    title: visibleText(root.querySelector(s.popoverTitle)),
    start: times?.start ?? (whenText || null),
    end: times?.end ?? null,
    recurrence: null,
    location: null,
    attendees: people(
      [...root.querySelectorAll(s.popoverGuests)].map((el) => ({
        email: asEmail(el.getAttribute('data-hovercard-id')),
        name: withoutHiddenLabels(el).text,
      })),
    ),
    description: description.text,
    conferenceUrl: findConferenceLink([
      conference?.getAttribute('data-details') ?? '',
      ...linksIn(conference),
      ...description.links,
    ]),
    conference: null,
  };
}

function readEventPage(page: Element): CalendarEventContext | null {
  const eventId = decodeEventId(page.querySelector(s.eventPageId)?.getAttribute('data-eventid') ?? null);
  if (!eventId) return null;
  const title = page.querySelector<HTMLInputElement>(s.eventPageTitle);
  const description = page.querySelector(s.eventPageDescription);
  const conferenceTexts = [...page.querySelectorAll(s.eventPageConference)].flatMap((el) => [
    el.getAttribute('data-details') ?? '',
    el.getAttribute('data-initial-value') ?? '',
  ]);
  return {
    host: 'calendar',
    eventId,
    recurringEventId: null,
    calendarId: null,
    title: title?.value || title?.getAttribute('data-initial-value') || '',
    start: joinDateTime(page, s.eventPageStartDate, s.eventPageStartTime),
    end: joinDateTime(page, s.eventPageEndDate, s.eventPageEndTime),
    recurrence: null,
    location: null,
    attendees: people(
      [...page.querySelectorAll(s.eventPageGuests)].map((el) => ({
        email: asEmail(el.getAttribute('data-email')),
        name: guestRowName(el),
      })),
    ),
    description: visibleText(description),
    conferenceUrl: findConferenceLink([...conferenceTexts, ...linksIn(description)]),
    conference: null,
  };
}

/** Guests with an address, minus rooms and other resource calendars. */
function people(rows: Person[]): Person[] {
  return uniquePeople(rows.filter((p) => p.email && !p.email.endsWith(`@${resourceCalendarDomain}`)));
}

/** A guest row shows the name, then the address or a role ("Organizer"); the name is the first text. */
function guestRowName(row: Element): string {
  const email = row.getAttribute('data-email') ?? '';
  for (const node of row.querySelectorAll('span, div')) {
    if (node.children.length > 0) continue;
    const text = visibleText(node);
    if (text && text.toLowerCase() !== email.toLowerCase()) return text;
  }
  return '';
}

function readDescription(element: Element | null): { text: string; links: string[] } {
  if (!element) return { text: '', links: [] };
  return withoutHiddenLabels(element);
}

/** Text as a sighted user reads it: Calendar adds screen-reader-only labels ("Organizer", "Description:"). */
function withoutHiddenLabels(element: Element): { text: string; links: string[] } {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll(s.hiddenLabel)) hidden.remove();
  return { text: visibleText(copy), links: linksIn(element) };
}

function linksIn(element: Element | null): string[] {
  return element ? [...element.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '') : [];
}

function joinDateTime(page: Element, dateSelector: string, timeSelector: string): string | null {
  const date = page.querySelector<HTMLInputElement>(dateSelector)?.value.trim();
  const time = page.querySelector<HTMLInputElement>(timeSelector)?.value.trim();
  const joined = [date, time].filter(Boolean).join(' ');
  return joined || null;
}

/**
 * `data-eventid` is base64 of "<event id>[_<instance start>] <calendar address>" on the grid and the
 * popover; the event page may carry the raw id. Returns the event id either way.
 */
export function decodeEventId(raw: string | null): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const decoded = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const [id, calendar] = decoded.split(' ');
    if (id && calendar?.includes('@') && /^[\w-]+$/.test(id)) return id;
  } catch {
    // Not base64: the raw id itself.
  }
  return value;
}
