import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { isoDateTime } from '../../../shared/api/common.ts';
import {
  type CalendarMeetingGuest,
  maxCalendarMeetingGuests,
  type recordCalendarMeetingInput,
} from '../../../shared/api/meetings.ts';
import type { CalendarAttendee, HostContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';

type CalendarMeeting = z.input<typeof recordCalendarMeetingInput>;

/**
 * The meeting to put on the shown customer's timeline for a Calendar event: under the Calendar
 * API's event id, with its video meeting id and the guests the page lists. None for other hosts, for an event without an id, or
 * for an all-day or unreadable time (a meeting has a moment, and a Zoom page is matched to it).
 */
export function calendarMeetingToRecord(
  context: HostContext,
  customerId: string | null,
): CalendarMeeting | null {
  if (context.host !== 'calendar' || !customerId || !context.eventId) return null;
  if (!isoDateTime.safeParse(context.start).success || !context.start) return null;
  return {
    customerId,
    eventId: context.eventId,
    title: context.title,
    start: context.start,
    conferenceId: context.conference?.id ?? null,
    ...guestsToRecord(context.attendees, context.guestListShortened),
  };
}

/**
 * The people the page lists, as it shows them: a guest the page gives no address for cannot be
 * matched or written to, and a Google Group's address is a list's, not a person's (the adapter
 * already left rooms out). Past the server's cap the rest is left to a Calendar sync. The list is
 * partial when the page cut it short or the cap did: the server then adds it to what it kept.
 */
function guestsToRecord(
  attendees: readonly CalendarAttendee[],
  shortened: boolean,
): { attendees: CalendarMeetingGuest[]; attendeesPartial: boolean } {
  const guests = new Map<string, CalendarMeetingGuest>();
  for (const attendee of attendees) {
    const email = attendee.email?.trim().toLowerCase();
    if (!email || attendee.group || guests.has(email)) continue;
    guests.set(email, { email, name: attendee.name.trim(), organizer: attendee.organizer === true });
  }
  return {
    attendees: [...guests.values()].slice(0, maxCalendarMeetingGuests),
    attendeesPartial: shortened || guests.size > maxCalendarMeetingGuests,
  };
}

/**
 * Records the Calendar event once the tab shows its customer. A query rather than a mutation: it
 * runs once per event and customer however often the tab renders, and the server's upsert makes a
 * repeat harmless. A failure is not the CSM's concern here and shows nothing.
 */
export function useRecordCalendarMeeting(
  api: ApiClient,
  context: HostContext,
  customerId: string | null,
  enabled: boolean,
): void {
  const meeting = enabled ? calendarMeetingToRecord(context, customerId) : null;
  useQuery({
    queryKey: ['meetings.recordFromCalendar', meeting],
    queryFn: () => (meeting ? api.meetings.recordFromCalendar.mutate(meeting) : null),
    enabled: meeting !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
