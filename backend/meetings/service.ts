import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RecordCalendarMeetingOutput, recordCalendarMeetingInput } from '../../shared/api/meetings.ts';
import { recordAudit } from '../audit/record.ts';
import { activities, customers, orgs } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { conferenceKey } from './conference-id.ts';

/** Where Calendar's events come from, for this write and a later Calendar sync alike. */
export const calendarSource = 'google_calendar';

/**
 * Records a Calendar event the sidebar showed a customer for as a meeting on that customer's
 * timeline, keyed by the Calendar API's event id. The same event shown again changes nothing; a
 * moved, renamed or re-assigned one is updated in place. Nothing is written when the org's admin
 * turned recording off.
 */
export async function recordCalendarMeeting(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof recordCalendarMeetingInput>,
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
  const changed = sql`(${activities.customerId}, ${activities.occurredAt}, ${activities.subject}, ${activities.conferenceId})
    is distinct from (excluded.customer_id, excluded.occurred_at, excluded.subject, excluded.conference_id)`;
  const [row] = await db
    .insert(activities)
    .values({ ...meeting, orgId, kind: 'meeting', source: calendarSource, externalId: input.eventId })
    .onConflictDoUpdate({
      target: [activities.orgId, activities.source, activities.externalId],
      set: {
        customerId: sql`excluded.customer_id`,
        occurredAt: sql`excluded.occurred_at`,
        subject: sql`excluded.subject`,
        conferenceId: sql`excluded.conference_id`,
        updatedAt: clock.now(),
      },
      setWhere: and(eq(activities.orgId, orgId), changed),
    })
    .returning({ id: activities.id, created: sql<boolean>`xmax = 0` });
  if (!row) return { outcome: 'unchanged' };
  await recordAudit(db, {
    orgId,
    actorUserId: principal.userId,
    action: row.created ? 'meeting.record_from_calendar' : 'meeting.update_from_calendar',
    tableName: 'activities',
    rowId: row.id,
    changes: { ...meeting, eventId: input.eventId },
  });
  return { outcome: row.created ? 'recorded' : 'updated' };
}
