import type { calendar_v3 } from '@googleapis/calendar';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activities } from '../db/schema.ts';
import { calendarSource } from '../meetings/service.ts';
import { type GuestResponse, guestResponses, meetingGuests } from './schema.ts';

export interface MeetingGuest {
  email: string;
  name: string;
  response: GuestResponse;
  organiser: boolean;
}

const responseOf = (value: string | null | undefined): GuestResponse =>
  guestResponses.find((r) => r === value) ?? 'needsAction';

/**
 * Who an event invites, as Google lists them: each guest once by address (rooms and other
 * resources left out), and the organiser, who Google leaves out of `attendees` when they invited
 * nobody else, marked as such.
 */
export function guestsOf(event: calendar_v3.Schema$Event): MeetingGuest[] {
  const byEmail = new Map<string, MeetingGuest>();
  for (const attendee of event.attendees ?? []) {
    const email = attendee.email?.trim().toLowerCase() ?? '';
    if (attendee.resource || !email.includes('@') || byEmail.has(email)) continue;
    byEmail.set(email, {
      email,
      name: (attendee.displayName ?? '').trim().slice(0, 300),
      response: responseOf(attendee.responseStatus),
      organiser: attendee.organizer === true,
    });
  }
  const organiser = event.organizer?.email?.trim().toLowerCase() ?? '';
  const listed = byEmail.get(organiser);
  if (listed) listed.organiser = true;
  else if (organiser.includes('@'))
    // The organiser of their own event is going unless they cancel it.
    byEmail.set(organiser, {
      email: organiser,
      name: (event.organizer?.displayName ?? '').trim().slice(0, 300),
      response: 'accepted',
      organiser: true,
    });
  return [...byEmail.values()];
}

/**
 * The guests of each synced event, put on the meeting it was recorded as in place of the ones
 * before. An event no meeting stands for (recording turned off) keeps nothing.
 */
export async function replaceMeetingGuests(
  tx: Db,
  orgId: string,
  guestsByEvent: ReadonlyMap<string, MeetingGuest[]>,
): Promise<void> {
  if (guestsByEvent.size === 0) return;
  const meetings = await tx
    .select({ id: activities.id, eventId: activities.externalId })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.source, calendarSource),
        inArray(activities.externalId, [...guestsByEvent.keys()]),
      ),
    );
  if (meetings.length === 0) return;
  await tx.delete(meetingGuests).where(
    and(
      eq(meetingGuests.orgId, orgId),
      inArray(
        meetingGuests.activityId,
        meetings.map((m) => m.id),
      ),
    ),
  );
  const rows = meetings.flatMap((m) =>
    (guestsByEvent.get(m.eventId ?? '') ?? []).map((g) => ({ ...g, orgId, activityId: m.id })),
  );
  if (rows.length > 0) await tx.insert(meetingGuests).values(rows);
}

/** A meeting's guests as the sync last saw them, organiser first. */
export function readMeetingGuests(tx: Db, orgId: string, activityId: string): Promise<MeetingGuest[]> {
  return tx
    .select({
      email: meetingGuests.email,
      name: meetingGuests.name,
      response: meetingGuests.response,
      organiser: meetingGuests.organiser,
    })
    .from(meetingGuests)
    .where(and(eq(meetingGuests.orgId, orgId), eq(meetingGuests.activityId, activityId)))
    .orderBy(desc(meetingGuests.organiser), asc(meetingGuests.email))
    .limit(500);
}
