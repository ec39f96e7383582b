import type { CalendarEventContext } from '../../../shared/host-context.ts';
import { findConference } from '../conference-link.ts';
import { decodeEventId } from './event-id.ts';
import type { DateLineContext } from './event-time.ts';
import { readWhen } from './event-when.ts';
import { isShortenedGuestList, readGuests } from './guests.ts';
import { calendarSelectors as s } from './selectors.ts';
import { textLines, textWithLineBreaks } from './text-lines.ts';

const unread = (el: Element) => el.matches(s.hiddenLabel);

/** The event-details popover, whose id sits on it, around it, inside it, or only in its `jslog`. */
export function readPopover(root: Element, dates: DateLineContext): CalendarEventContext | null {
  const ids = decodeEventId(popoverEventId(root));
  if (!ids) return null;
  const title = textLines(root.querySelector(s.popoverTitle), unread).join(' ');
  const separators = /^[\s⋅·•|,–—-]*$/;
  const whenLines = textLines(root.querySelector(s.popoverWhen), unread).filter(
    (line) => line !== title && !separators.test(line),
  );
  const descriptionElement = root.querySelector(s.popoverDescription);
  const description = textWithLineBreaks(descriptionElement, unread);
  const conferenceElement = root.querySelector(s.conference);
  const guestList = root.querySelector(s.popoverGuestList) ?? root;
  const marked = [...guestList.querySelectorAll(s.guestAddress)];
  const conference = findConference([
    conferenceElement?.getAttribute('data-details') ?? '',
    ...linksIn(conferenceElement),
    conferenceElement?.textContent ?? '',
    ...linksIn(descriptionElement),
    description,
  ]);
  return {
    host: 'calendar',
    ...ids,
    title,
    ...readWhen(whenLines, dates),
    location: popoverLocation(root),
    attendees: readGuests(guestList, marked),
    guestListShortened: isShortenedGuestList(root.querySelector(s.popoverGuestCount), marked),
    description,
    conferenceUrl: conference?.url ?? null,
    conference,
  };
}

function popoverEventId(root: Element): string | null {
  return (
    root.getAttribute('data-eventid') ??
    root.querySelector(s.eventId)?.getAttribute('data-eventid') ??
    root.closest(s.eventId)?.getAttribute('data-eventid') ??
    jslogEventId(root.closest(s.jslog) ?? root.querySelector(s.jslog))
  );
}

/** Miter reads the raw id from the popover's `jslog`: "…; 2:["<event id>",…]; …". */
function jslogEventId(element: Element | null): string | null {
  return /(?:^|;)\s*2:\["([\w-]+)"/.exec(element?.getAttribute('jslog') ?? '')?.[1] ?? null;
}

function popoverLocation(root: Element): string | null {
  const element = root.querySelector(s.popoverLocation);
  if (!element) return null;
  const text = element.getAttribute('data-text')?.trim() || textLines(element, unread).join(', ');
  return text || null;
}

export function linksIn(element: Element | null): string[] {
  return element ? [...element.querySelectorAll(s.links)].map((a) => a.getAttribute('href') ?? '') : [];
}
