import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AiProviderName } from '../../shared/api/ai.ts';
import type { BriefAttendee, BriefOutput, MeetingBrief } from '../../shared/api/briefs.ts';
import type { Db } from '../db/client.ts';
import { activities } from '../db/schema.ts';
import { calendarSource } from '../meetings/calendar-source.ts';
import { type MeetingBriefRow, meetingBriefs } from './schema.ts';

const adhocPrefix = 'adhoc:';

/** A brief is kept per Calendar event; an event the page gave no id for is keyed by what it shows. */
export function eventKeyOf(input: {
  eventId?: string | undefined;
  start: string;
  title: string;
  attendees: BriefAttendee[];
}): string {
  if (input.eventId) return input.eventId;
  const emails = input.attendees.map((a) => a.email ?? '').sort();
  const digest = createHash('sha256')
    .update(JSON.stringify([input.start, input.title, emails]))
    .digest('hex');
  return `${adhocPrefix}${digest.slice(0, 32)}`;
}

export async function readStoredBrief(tx: Db, orgId: string, eventKey: string) {
  const [row] = await tx
    .select()
    .from(meetingBriefs)
    .where(and(eq(meetingBriefs.orgId, orgId), eq(meetingBriefs.eventKey, eventKey)));
  return row ?? null;
}

/** The meeting `recordFromCalendar` or the Calendar sync wrote for the event: its customer, time, title. */
export async function readRecordedEvent(tx: Db, orgId: string, eventId: string) {
  const [row] = await tx
    .select({
      id: activities.id,
      customerId: activities.customerId,
      occurredAt: activities.occurredAt,
      subject: activities.subject,
    })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.source, calendarSource),
        eq(activities.externalId, eventId),
      ),
    );
  return row ?? null;
}

export interface BriefToStore {
  eventKey: string;
  customerId: string;
  title: string;
  startsAt: Date;
  attendees: BriefAttendee[];
  brief: MeetingBrief;
  provider: AiProviderName;
  model: string;
  dataVersion: string;
  generatedAt: Date;
}

/** One row per event: a regenerated brief replaces the one before. */
export async function storeBrief(tx: Db, orgId: string, brief: BriefToStore): Promise<MeetingBriefRow> {
  const values = { ...brief, orgId };
  const [row] = await tx
    .insert(meetingBriefs)
    .values(values)
    .onConflictDoUpdate({
      target: [meetingBriefs.orgId, meetingBriefs.eventKey],
      set: {
        customerId: sql`excluded.customer_id`,
        title: sql`excluded.title`,
        startsAt: sql`excluded.starts_at`,
        attendees: sql`excluded.attendees`,
        brief: sql`excluded.brief`,
        provider: sql`excluded.provider`,
        model: sql`excluded.model`,
        dataVersion: sql`excluded.data_version`,
        generatedAt: sql`excluded.generated_at`,
      },
      setWhere: eq(meetingBriefs.orgId, orgId),
    })
    .returning();
  if (!row) throw new Error('the brief was not stored');
  return row;
}

/** The guests the page listed, and the brief's sections about them, added to a kept brief. */
export async function updateGuests(
  tx: Db,
  orgId: string,
  id: string,
  values: { attendees: BriefAttendee[]; brief: MeetingBrief },
): Promise<MeetingBriefRow> {
  const [row] = await tx
    .update(meetingBriefs)
    .set(values)
    .where(and(eq(meetingBriefs.orgId, orgId), eq(meetingBriefs.id, id)))
    .returning();
  if (!row) throw new Error('the brief went away');
  return row;
}

export function storedBriefOutput(row: MeetingBriefRow, stale: boolean): BriefOutput {
  return {
    kind: 'brief',
    briefId: row.id,
    eventId: row.eventKey.startsWith(adhocPrefix) ? null : row.eventKey,
    generatedAt: row.generatedAt.toISOString(),
    stale,
    provider: row.provider,
    model: row.model,
    brief: row.brief,
  };
}

/** The same guests, whatever the order or the case of their addresses. */
export function sameGuests(a: BriefAttendee[], b: BriefAttendee[]): boolean {
  const key = (list: BriefAttendee[]) =>
    list
      .map((p) => p.email?.toLowerCase() ?? `name:${p.name}`)
      .sort()
      .join('\n');
  return key(a) === key(b);
}
