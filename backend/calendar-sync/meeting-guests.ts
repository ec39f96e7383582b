import type { calendar_v3 } from '@googleapis/calendar';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activities } from '../db/schema.ts';
import { calendarSource } from '../meetings/calendar-source.ts';
import { type GuestResponse, type GuestSource, guestResponses, meetingGuests } from './schema.ts';

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
 * The guests the Calendar page lists, each once by address (the page leaves rooms out). The page
 * shows no answers: a guest is `needsAction` (not known), the organiser going, as `guestsOf` has it.
 */
export function pageGuestsOf(
  attendees: readonly { email: string; name: string; organiser: boolean }[],
): MeetingGuest[] {
  const byEmail = new Map<string, MeetingGuest>();
  for (const { email, name, organiser } of attendees) {
    if (byEmail.has(email)) continue;
    byEmail.set(email, { email, name, organiser, response: organiser ? 'accepted' : 'needsAction' });
  }
  return [...byEmail.values()];
}

/**
 * The guests of each synced event, put on the meeting it was recorded as in place of the ones
 * before, a list the Calendar page gave included: Google's list is the whole one, with answers. An
 * event no meeting stands for (recording turned off) keeps nothing.
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
  const guestsByMeeting = new Map(meetings.map((m) => [m.id, guestsByEvent.get(m.eventId ?? '') ?? []]));
  await writeGuests(tx, orgId, guestsByMeeting, 'calendar_sync');
}

/**
 * The guests the sidebar's Calendar page lists for a meeting, kept unless the sync gave the meeting
 * its guests: the sync's list wins, as Google's API lists every guest with their answer and the
 * organiser, where the page may show a shortened list and no answers (a later sync replaces the
 * page's list in turn). A page list that differs from the one it gave before replaces it, unless
 * it is `partial` (the page said the event has more guests than it listed): then it is added to the
 * kept guests, each listed one as the page now shows them, so a cut-short list never drops a guest a
 * fuller one gave. True when anything was written.
 */
export async function putPageGuests(
  tx: Db,
  orgId: string,
  activityId: string,
  guests: readonly MeetingGuest[],
  partial = false,
): Promise<boolean> {
  const stored = await tx
    .select({
      email: meetingGuests.email,
      name: meetingGuests.name,
      response: meetingGuests.response,
      organiser: meetingGuests.organiser,
      source: meetingGuests.source,
    })
    .from(meetingGuests)
    .where(and(eq(meetingGuests.orgId, orgId), eq(meetingGuests.activityId, activityId)));
  if (stored.some((g) => g.source === 'calendar_sync')) return false;
  const next = partial ? withListedGuests(stored, guests) : guests;
  const listed = (list: readonly Omit<MeetingGuest, 'response'>[]) =>
    JSON.stringify(list.map((g) => [g.email, g.name, g.organiser]).sort());
  if (listed(stored) === listed(next)) return false;
  await writeGuests(tx, orgId, new Map([[activityId, next]]), 'calendar_page');
  return true;
}

/** The kept guests with the listed ones put in: a listed guest as now shown, the others as kept. */
function withListedGuests(kept: readonly MeetingGuest[], listed: readonly MeetingGuest[]): MeetingGuest[] {
  const byEmail = new Map(
    kept.map(({ email, name, response, organiser }) => [email, { email, name, response, organiser }]),
  );
  for (const guest of listed) byEmail.set(guest.email, guest);
  return [...byEmail.values()];
}

/** Each meeting's guests in place of the ones it had, whichever source gave those. */
async function writeGuests(
  tx: Db,
  orgId: string,
  guestsByMeeting: ReadonlyMap<string, readonly MeetingGuest[]>,
  source: GuestSource,
): Promise<void> {
  if (guestsByMeeting.size === 0) return;
  await tx
    .delete(meetingGuests)
    .where(
      and(eq(meetingGuests.orgId, orgId), inArray(meetingGuests.activityId, [...guestsByMeeting.keys()])),
    );
  const rows = [...guestsByMeeting].flatMap(([activityId, guests]) =>
    guests.map((g) => ({ ...g, orgId, activityId, source })),
  );
  if (rows.length > 0) await tx.insert(meetingGuests).values(rows);
}

/** A meeting's guests as the sync or the Calendar page last gave them, organiser first. */
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
