import type { BriefInput } from '../../../shared/api/briefs.ts';
import type { CalendarEventContext } from '../../../shared/host-context.ts';

const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const withOffset = /(Z|[+-]\d{2}:\d{2})$/;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What the brief is asked for from the event on the page: its guests, start and title. An all-day
 * event starts at the day's beginning (UTC); a time without an offset is the browser's; a start the
 * adapter could not read leaves the event id alone, which the server knows when the event was
 * recorded or briefed before.
 */
export function briefInputOf(event: CalendarEventContext): BriefInput {
  const start = startOf(event.start);
  const eventId = event.eventId.trim() || undefined;
  if (!start) return { eventId: eventId ?? '' };
  return {
    ...(eventId ? { eventId } : {}),
    title: event.title,
    start,
    attendees: event.attendees
      .filter((a) => !a.group)
      .map((a) => ({ email: a.email?.trim().toLowerCase() || null, name: a.name })),
  };
}

function startOf(start: string | null): string | null {
  if (!start) return null;
  // A time without an offset is the page's, which is the browser's zone.
  if (dateTime.test(start)) return withOffset.test(start) ? start : new Date(start).toISOString();
  return dateOnly.test(start) ? `${start}T00:00:00Z` : null;
}
