import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RecordCalendarMeetingOutput, recordCalendarMeetingInput } from '../../shared/api/meetings.ts';
import { recordAudit } from '../audit/record.ts';
import { pageGuestsOf, putPageGuests } from '../calendar-sync/meeting-guests.ts';
import type { Db } from '../db/client.ts';
import { activities, customers, orgs } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { calendarSource } from './calendar-source.ts';
import { conferenceKey } from './conference-id.ts';

type CalendarMeetingInput = z.infer<typeof recordCalendarMeetingInput>;

/**
 * Records a Calendar event the sidebar showed a customer for as a meeting on that customer's
 * timeline, keyed by the Calendar API's event id, with the guests the page lists (unless the sync
 * gave it Google's: meeting-guests.ts). The same event shown again changes nothing; a moved,
 * renamed, re-assigned or re-invited one is updated in place. Nothing is written when the org's
 * admin turned recording off.
 */
export async function recordCalendarMeeting(
  { db, clock, principal }: OrgDeps,
  input: CalendarMeetingInput,
): Promise<RecordCalendarMeetingOutput> {
  const { orgId } = principal;
  const [org] = await db
    .select({
      recording: orgs.recordCalendarMeetings,
      customerFound: sql<boolean>`exists (select 1 from ${customers} c where c.org_id = ${orgId} and c.id = ${input.customerId})`,
    })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  if (!org?.customerFound) throw new DomainError('NOT_FOUND', 'no such customer');
  if (!org.recording) return { outcome: 'off' };

  const meeting = {
    customerId: input.customerId,
    occurredAt: new Date(input.start),
    subject: input.title,
    conferenceId: input.conferenceId ? conferenceKey(input.conferenceId) : null,
  };
  const written = await upsertMeeting(db, orgId, input.eventId, meeting, clock.now());
  const guests = input.attendees
    ? pageGuestsOf(input.attendees.map((a) => ({ email: a.email, name: a.name, organiser: a.organizer })))
    : null;
  const guestsChanged = guests
    ? await putPageGuests(db, orgId, written.id, guests, input.attendeesPartial === true)
    : false;
  if (!written.changed && !guestsChanged) return { outcome: 'unchanged' };
  await recordAudit(db, {
    orgId,
    actorUserId: principal.userId,
    action: written.created ? 'meeting.record_from_calendar' : 'meeting.update_from_calendar',
    tableName: 'activities',
    rowId: written.id,
    changes: {
      ...meeting,
      eventId: input.eventId,
      ...(guestsChanged && guests ? { guests: guests.map((g) => g.email) } : {}),
    },
  });
  return { outcome: written.created ? 'recorded' : 'updated' };
}

interface CalendarMeeting {
  customerId: string;
  occurredAt: Date;
  subject: string;
  conferenceId: string | null;
}

/** The event's meeting row, inserted or brought up to date; `changed` false when it already said this. */
async function upsertMeeting(
  db: Db,
  orgId: string,
  eventId: string,
  meeting: CalendarMeeting,
  now: Date,
): Promise<{ id: string; created: boolean; changed: boolean }> {
  const changed = sql`(${activities.customerId}, ${activities.occurredAt}, ${activities.subject}, ${activities.conferenceId})
    is distinct from (excluded.customer_id, excluded.occurred_at, excluded.subject, excluded.conference_id)`;
  const [row] = await db
    .insert(activities)
    .values({ ...meeting, orgId, kind: 'meeting', source: calendarSource, externalId: eventId })
    .onConflictDoUpdate({
      target: [activities.orgId, activities.source, activities.externalId],
      set: {
        customerId: sql`excluded.customer_id`,
        occurredAt: sql`excluded.occurred_at`,
        subject: sql`excluded.subject`,
        conferenceId: sql`excluded.conference_id`,
        updatedAt: now,
      },
      setWhere: and(eq(activities.orgId, orgId), changed),
    })
    .returning({ id: activities.id, created: sql<boolean>`xmax = 0` });
  if (row) return { ...row, changed: true };
  // Unchanged: the update was skipped, so it returned nothing; the row is there all the same. Locked
  // as the upsert locks it, so two tabs re-recording the event write its guests one after the other.
  const [kept] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.source, calendarSource),
        eq(activities.externalId, eventId),
      ),
    )
    .for('update');
  if (!kept) throw new Error('the Calendar meeting upserted without change is missing');
  return { id: kept.id, created: false, changed: false };
}
