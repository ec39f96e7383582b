import type { calendar_v3 } from '@googleapis/calendar';
import { and, eq, gt, inArray } from 'drizzle-orm';
import { actingMember } from '../auth/acting-member.ts';
import type { Principal } from '../auth/principal.ts';
import { meetingBriefs } from '../briefs/schema.ts';
import type { Db } from '../db/client.ts';
import { activities } from '../db/schema.ts';
import type { OrgRunner } from '../db/tenancy.ts';
import type { AppDeps } from '../deps.ts';
import { vendorErrorOf } from '../integrations/connections/vendor-error.ts';
import { calendarSource } from '../meetings/calendar-source.ts';
import { recordCalendarMeeting } from '../meetings/service.ts';
import {
  addressesOf,
  type CalendarChanges,
  conferenceOf,
  listCalendarChanges,
  SyncTokenGone,
} from './calendar-events.ts';
import { customersOfEvents } from './event-customers.ts';
import { guestsOf, type MeetingGuest, replaceMeetingGuests } from './meeting-guests.ts';
import { calendarSyncs } from './schema.ts';

export type CalendarSyncDeps = AppDeps & OrgRunner;

/** Events written per transaction: the embedded database's one connection is free between them. */
const writeBatch = 25;

export interface CalendarSyncOutcome {
  full: boolean;
  /** Events Google listed. */
  seen: number;
  /** Customer meetings recorded or updated on a timeline. */
  recorded: number;
  /** Upcoming customer meetings that were cancelled, taken off the timeline. */
  cancelled: number;
}

/**
 * One sync of a member's primary calendar into CSCX: every event with a customer guest becomes (or
 * updates) a meeting on that customer's timeline with its guest list — what the prep briefs are
 * planned from, and whom a call's speakers are matched to — and an upcoming one that was cancelled
 * is taken off. Google is called with no transaction open; the token and the outcome are written
 * after, and a failure is kept on the sync's row for settings to show.
 */
export async function syncMemberCalendar(
  deps: CalendarSyncDeps,
  userId: string,
): Promise<CalendarSyncOutcome> {
  const state = await deps.inOrg((tx) => readSyncRow(tx, deps.orgId, userId));
  let changes: CalendarChanges;
  try {
    changes = await listCalendarChanges(deps, userId, state?.syncToken ?? null).catch((error: unknown) => {
      if (!(error instanceof SyncTokenGone)) throw error;
      deps.log.info({ userId }, 'calendar sync: the sync token expired, syncing in full');
      return listCalendarChanges(deps, userId, null);
    });
  } catch (error) {
    await deps.inOrg((tx) => saveSyncError(tx, deps, userId, describeFailure(error)));
    throw error;
  }
  const outcome = await recordChanges(deps, userId, changes);
  await deps.inOrg((tx) =>
    saveSync(tx, {
      orgId: deps.orgId,
      userId,
      syncToken: changes.nextSyncToken,
      lastSyncedAt: deps.clock.now(),
      lastRecorded: outcome.recorded,
      lastError: null,
      lastErrorAt: null,
    }),
  );
  return outcome;
}

async function recordChanges(
  deps: CalendarSyncDeps,
  userId: string,
  changes: CalendarChanges,
): Promise<CalendarSyncOutcome> {
  const now = deps.clock.now();
  const timed = changes.events.filter((e) => e.id && e.status !== 'cancelled' && e.start?.dateTime);
  const cancelledIds = changes.events
    .filter((e) => e.id && e.status === 'cancelled')
    .map((e) => e.id as string);
  const principal = await deps.inOrg((tx) => actingMember(tx, deps.orgId, userId));
  let recorded = 0;
  for (let i = 0; principal && i < timed.length; i += writeBatch) {
    const batch = timed.slice(i, i + writeBatch);
    recorded += await deps.inOrg((tx) => recordEvents({ ...deps, db: tx, principal }, batch));
  }
  const cancelled =
    cancelledIds.length > 0
      ? await deps.inOrg((tx) => removeCancelled(tx, deps.orgId, cancelledIds, now))
      : 0;
  return { full: changes.full, seen: changes.events.length, recorded, cancelled };
}

async function recordEvents(
  deps: AppDeps & { db: Db; principal: Principal },
  events: calendar_v3.Schema$Event[],
): Promise<number> {
  const { db, principal } = deps;
  const customerOf = await customersOfEvents(
    db,
    principal.orgId,
    principal.orgDomains,
    events.map((e) => ({ key: e.id as string, addresses: addressesOf(e) })),
  );
  let recorded = 0;
  const guests = new Map<string, MeetingGuest[]>();
  for (const event of events) {
    const customerId = customerOf.get(event.id as string);
    if (!customerId) continue;
    guests.set(event.id as string, guestsOf(event));
    const { outcome } = await recordCalendarMeeting(deps, {
      customerId,
      eventId: event.id as string,
      title: (event.summary ?? '').slice(0, 1000),
      start: new Date(event.start?.dateTime as string).toISOString(),
      conferenceId: conferenceOf(event),
    });
    if (outcome === 'recorded' || outcome === 'updated') recorded++;
  }
  await replaceMeetingGuests(db, principal.orgId, guests);
  return recorded;
}

/** A cancelled meeting still ahead leaves the timeline, and its brief goes with it (no brief is prepared). */
async function removeCancelled(tx: Db, orgId: string, eventIds: string[], now: Date): Promise<number> {
  const removed = await tx
    .delete(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.source, calendarSource),
        inArray(activities.externalId, eventIds),
        gt(activities.occurredAt, now),
      ),
    )
    .returning({ id: activities.id });
  await tx
    .delete(meetingBriefs)
    .where(
      and(
        eq(meetingBriefs.orgId, orgId),
        inArray(meetingBriefs.eventKey, eventIds),
        gt(meetingBriefs.startsAt, now),
      ),
    );
  return removed.length;
}

export function readSyncRow(tx: Db, orgId: string, userId: string) {
  return tx
    .select()
    .from(calendarSyncs)
    .where(and(eq(calendarSyncs.orgId, orgId), eq(calendarSyncs.userId, userId)))
    .then((rows) => rows[0]);
}

type SyncValues = Omit<typeof calendarSyncs.$inferInsert, 'id' | 'calendarId'>;

function saveSync(tx: Db, values: SyncValues) {
  const { orgId: _org, userId: _user, ...update } = values;
  return tx
    .insert(calendarSyncs)
    .values(values)
    .onConflictDoUpdate({
      target: [calendarSyncs.orgId, calendarSyncs.userId, calendarSyncs.calendarId],
      set: update,
    });
}

function saveSyncError(tx: Db, deps: CalendarSyncDeps, userId: string, message: string) {
  const now = deps.clock.now();
  return tx
    .insert(calendarSyncs)
    .values({ orgId: deps.orgId, userId, lastError: message, lastErrorAt: now })
    .onConflictDoUpdate({
      target: [calendarSyncs.orgId, calendarSyncs.userId, calendarSyncs.calendarId],
      set: { lastError: message, lastErrorAt: now },
    });
}

/** What settings shows for a failed run: the vendor's status and words, never a token. */
function describeFailure(error: unknown): string {
  const vendor = vendorErrorOf(error);
  if (vendor)
    return `Google Calendar answered ${vendor.status}${vendor.detail ? `: ${vendor.detail}` : ''}`.slice(
      0,
      500,
    );
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
