import type { CalendarAttendee, CalendarEventContext } from '../../../shared/host-context.ts';
import { findConference } from '../conference-link.ts';
import { asEmail } from '../people.ts';
import { decodeEventId } from './event-id.ts';
import type { DateLineContext } from './event-time.ts';
import { readWhen } from './event-when.ts';
import { addressOf, readGuests } from './guests.ts';
import { linksIn } from './read-popover.ts';
import { calendarSelectors as s } from './selectors.ts';
import { textWithLineBreaks } from './text-lines.ts';

/**
 * The full event page (`/r/eventedit/<eid>`). The id is on the page container, on an element inside
 * it, or else in the URL; dates and times are the raw text of the form's fields.
 */
export function readEventPage(
  page: Element,
  urlEventId: string | null,
  dates: DateLineContext,
): CalendarEventContext | null {
  const ids =
    decodeEventId(page.getAttribute('data-eventid')) ??
    decodeEventId(page.querySelector(s.eventId)?.getAttribute('data-eventid')) ??
    decodeEventId(urlEventId);
  if (!ids) return null;
  const descriptionElement = page.querySelector(s.eventPageDescription);
  const description = textWithLineBreaks(descriptionElement);
  const conference = findConference([
    ...[...page.querySelectorAll(s.eventPageConference)].flatMap((el) => [
      el.getAttribute('data-details') ?? '',
      el.getAttribute('data-initial-value') ?? '',
      fieldValue(el),
    ]),
    ...linksIn(descriptionElement),
    description,
  ]);
  return {
    host: 'calendar',
    ...ids,
    title: fieldValue(page.querySelector(s.eventPageTitle)),
    ...readWhen(whenLines(page), dates),
    location: fieldValue(page.querySelector(s.eventPageLocation)) || null,
    attendees: invitedGuests(page),
    // The event page's form lists every guest invited.
    guestListShortened: false,
    description,
    conferenceUrl: conference?.url ?? null,
    conference,
  };
}

/** The form's fields as one line the date parser reads: "Apr 26, 2026 2:00pm – Apr 26, 2026 3:00pm". */
function whenLines(page: Element): string[] {
  const field = (selector: string) => fieldValue(page.querySelector(selector));
  const startDate = field(s.eventPageStartDate);
  if (!startDate) return [];
  const endDate = field(s.eventPageEndDate) || startDate;
  const [startTime, endTime] = [field(s.eventPageStartTime), field(s.eventPageEndTime)];
  if (!startTime && !endTime && endDate === startDate) return [startDate];
  return [`${[startDate, startTime].join(' ').trim()} – ${[endDate, endTime].join(' ').trim()}`];
}

/**
 * Guests in the invited list, never the suggestions offered while typing a name. The list is known by
 * its English label; in other languages by its rows, whose `data-id` or `key` repeats the address.
 */
function invitedGuests(page: Element): CalendarAttendee[] {
  const list = page.querySelector(s.eventPageGuestList);
  const rows = [...(list ?? page).querySelectorAll(s.eventPageGuest)].filter(
    (row) => !row.closest(s.guestSuggestions) && (list !== null || isInvitedRow(row)),
  );
  return readGuests(list ?? page, rows);
}

function isInvitedRow(row: Element): boolean {
  const email = addressOf(row);
  return [row.getAttribute('data-id'), row.getAttribute('key')].some((v) => !!email && asEmail(v) === email);
}

function fieldValue(element: Element | null): string {
  if (!element) return '';
  const input = element as HTMLInputElement;
  const value = typeof input.value === 'string' ? input.value : '';
  return (value || element.getAttribute('data-initial-value') || '').trim();
}
