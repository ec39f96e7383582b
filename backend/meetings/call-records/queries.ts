import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { activities, contacts, customers } from '../../db/schema.ts';
import { type CallRecordRow, callRecords, speakerAliases } from '../schema.ts';
import { recordsWithToken } from './recording-links.ts';
import type { KnownContact, RememberedSpeaker } from './speakers.ts';

/** Where Zoom transcripts and imports put a call that no Calendar meeting stood for. */
export const callActivitySource = 'cscx_calls';

/** A Calendar meeting and its Zoom call are the same when they start this close together. */
const sameMeetingWindowMs = 12 * 60 * 60 * 1000;

export interface MeetingActivity {
  id: string;
  customerId: string;
  occurredAt: Date;
  subject: string;
  conferenceId: string | null;
}

const activityColumns = {
  id: activities.id,
  customerId: activities.customerId,
  occurredAt: activities.occurredAt,
  subject: activities.subject,
  conferenceId: activities.conferenceId,
};

export async function findMeetingActivity(
  tx: Db,
  orgId: string,
  activityId: string,
): Promise<MeetingActivity | undefined> {
  const [row] = await tx
    .select(activityColumns)
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.id, activityId),
        inArray(activities.kind, ['meeting', 'call']),
      ),
    );
  return row;
}

/**
 * The meeting on a timeline whose video conference is this one (Zoom's meeting number), nearest
 * to `at`; limited to one customer when given. Several customers' meetings carrying the same
 * number (a recurring personal meeting id) at that time count as none: the call is nobody's yet.
 */
export async function findMeetingByConference(
  tx: Db,
  orgId: string,
  conferenceId: string,
  at: Date,
  customerId?: string,
  /** How far back a meeting may be: a paste days after the call, with no time given, reaches further. */
  lookBackMs = sameMeetingWindowMs,
): Promise<MeetingActivity | undefined> {
  const rows = await tx
    .select(activityColumns)
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.conferenceId, conferenceId),
        gte(activities.occurredAt, new Date(at.getTime() - lookBackMs)),
        lte(activities.occurredAt, new Date(at.getTime() + sameMeetingWindowMs)),
        customerId ? eq(activities.customerId, customerId) : undefined,
      ),
    )
    .orderBy(sql`abs(extract(epoch from ${activities.occurredAt} - ${at.toISOString()}::timestamptz))`)
    .limit(10);
  const customersSeen = new Set(rows.map((r) => r.customerId));
  return customersSeen.size === 1 ? rows[0] : undefined;
}

export async function findCustomer(tx: Db, orgId: string, customerId: string) {
  const [row] = await tx
    .select({ id: customers.id, name: customers.name, renewalDate: customers.renewalDate })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  return row;
}

export function contactsOf(tx: Db, orgId: string, customerId: string): Promise<KnownContact[]> {
  return tx
    .select({ id: contacts.id, name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId)))
    .limit(500);
}

export async function rememberedSpeakers(
  tx: Db,
  orgId: string,
  speakerKeys: string[],
): Promise<RememberedSpeaker[]> {
  if (speakerKeys.length === 0) return [];
  return tx
    .select({
      speakerKey: speakerAliases.speakerKey,
      contactId: speakerAliases.contactId,
      name: speakerAliases.name,
    })
    .from(speakerAliases)
    .where(and(eq(speakerAliases.orgId, orgId), inArray(speakerAliases.speakerKey, speakerKeys)));
}

export async function recordOfActivity(
  tx: Db,
  orgId: string,
  activityId: string,
): Promise<CallRecordRow | undefined> {
  const [row] = await tx
    .select()
    .from(callRecords)
    .where(and(eq(callRecords.orgId, orgId), eq(callRecords.activityId, activityId)));
  return row;
}

export async function recordOfZoomMeeting(
  tx: Db,
  orgId: string,
  zoomMeetingUuid: string,
): Promise<CallRecordRow | undefined> {
  const [row] = await tx
    .select()
    .from(callRecords)
    .where(and(eq(callRecords.orgId, orgId), eq(callRecords.zoomMeetingUuid, zoomMeetingUuid)));
  return row;
}

/** How a record is looked up; several handles given must all hold. */
export interface RecordHandle {
  id?: string;
  conferenceId?: string;
  zoomMeetingUuid?: string;
  /** A Zoom recording page's id, as kept in zoom_recording_links. */
  recordingToken?: string;
}

/** A call record as the sidebar shows it, with its customer's name and its meeting's title. */
export async function findRecordWithContext(tx: Db, orgId: string, by: RecordHandle) {
  const [row] = await tx
    .select({ record: callRecords, customerName: customers.name, title: activities.subject })
    .from(callRecords)
    .innerJoin(
      customers,
      and(eq(customers.orgId, callRecords.orgId), eq(customers.id, callRecords.customerId)),
    )
    .innerJoin(
      activities,
      and(eq(activities.orgId, callRecords.orgId), eq(activities.id, callRecords.activityId)),
    )
    .where(
      and(
        eq(callRecords.orgId, orgId),
        by.id ? eq(callRecords.id, by.id) : undefined,
        by.zoomMeetingUuid ? eq(callRecords.zoomMeetingUuid, by.zoomMeetingUuid) : undefined,
        by.conferenceId ? eq(callRecords.conferenceId, by.conferenceId) : undefined,
        by.recordingToken
          ? inArray(callRecords.id, recordsWithToken(tx, orgId, by.recordingToken))
          : undefined,
      ),
    )
    .orderBy(desc(callRecords.meetingAt))
    .limit(1);
  return row;
}
