import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CallRecordView,
  editCallRecordInput,
  findCallRecordInput,
  mapSpeakerInput,
  SpeakerMapping,
} from '../../../shared/api/call-records.ts';
import { recordAudit } from '../../audit/record.ts';
import { contacts } from '../../db/schema.ts';
import type { OrgDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { conferenceKey } from '../conference-id.ts';
import { callRecords, speakerAliases } from '../schema.ts';
import { findRecordWithContext, type RecordHandle } from './queries.ts';
import { dayOf, recordIdByTitleOnDay } from './same-day-title.ts';
import { speakerKeyOf } from './speakers.ts';
import { callRecordViewOf } from './view.ts';

/**
 * The call record a Zoom page shows, by the most exact handle the page has: a record's id, the
 * meeting instance's UUID, the recording page's id (a play or share token; the detail page's
 * UUID), the latest with its meeting number; failing all, the one record of that day with the
 * page's topic.
 */
export async function findCallRecord(
  { db, principal }: OrgDeps,
  input: z.infer<typeof findCallRecordInput>,
): Promise<{ record: CallRecordView | null }> {
  const orgId = principal.orgId;
  const recordingId = input.recordingId ?? input.zoomMeetingUuid;
  const handles: RecordHandle[] = [
    ...(input.id ? [{ id: input.id }] : []),
    ...(recordingId ? [{ zoomMeetingUuid: recordingId }, { recordingToken: recordingId }] : []),
    ...(input.conferenceId ? [{ conferenceId: conferenceKey(input.conferenceId) }] : []),
  ];
  for (const by of handles) {
    const found = await findRecordWithContext(db, orgId, by);
    if (found) return { record: callRecordViewOf(found.record, found) };
  }
  const day = input.startTime ? dayOf(input.startTime) : null;
  const sameDay = day && input.topic ? await recordIdByTitleOnDay(db, orgId, input.topic, day) : undefined;
  const found = sameDay ? await findRecordWithContext(db, orgId, { id: sameDay }) : undefined;
  return { record: found ? callRecordViewOf(found.record, found) : null };
}

async function requireRecord(deps: OrgDeps, id: string) {
  const found = await findRecordWithContext(deps.db, deps.principal.orgId, { id });
  if (!found) throw new DomainError('NOT_FOUND', 'no such call record');
  return found;
}

/**
 * The CSM's edits, one section at a time, kept beside the model's analysis: analysing the call
 * again never overwrites them.
 */
export async function editCallRecord(
  deps: OrgDeps,
  input: z.infer<typeof editCallRecordInput>,
): Promise<CallRecordView> {
  const { id, ...sections } = input;
  const found = await requireRecord(deps, id);
  const edits = { ...found.record.edits, ...sections };
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(callRecords)
    .set({ edits, updatedAt: now })
    .where(and(eq(callRecords.orgId, deps.principal.orgId), eq(callRecords.id, id)))
    .returning();
  if (!row) throw new DomainError('NOT_FOUND', 'no such call record');
  await recordAudit(deps.db, {
    orgId: deps.principal.orgId,
    actorUserId: deps.principal.userId,
    action: 'call_record.edit',
    tableName: 'call_records',
    rowId: id,
    changes: { sections: Object.keys(sections) },
  });
  return callRecordViewOf(row, found);
}

/**
 * Fixes who a speaker is on this call, and remembers it for the org: later calls with a speaker of
 * the same name are mapped the same way. The contact must be one of the call's customer's.
 */
export async function mapCallSpeaker(
  deps: OrgDeps,
  input: z.infer<typeof mapSpeakerInput>,
): Promise<CallRecordView> {
  const orgId = deps.principal.orgId;
  const found = await requireRecord(deps, input.id);
  if (!found.record.speakers.some((s) => s.speaker === input.speaker))
    throw new DomainError('BAD_REQUEST', `nobody called "${input.speaker}" speaks on this call`);
  const contact = input.contactId
    ? (
        await deps.db
          .select({ id: contacts.id, name: contacts.name, email: contacts.email })
          .from(contacts)
          .where(
            and(
              eq(contacts.orgId, orgId),
              eq(contacts.id, input.contactId),
              eq(contacts.customerId, found.record.customerId),
            ),
          )
      )[0]
    : undefined;
  if (input.contactId && !contact)
    throw new DomainError('NOT_FOUND', "no such contact of this call's customer");
  const name = contact?.name || input.name || input.speaker;
  const now = deps.clock.now();
  await deps.db
    .insert(speakerAliases)
    .values({ orgId, speakerKey: speakerKeyOf(input.speaker), contactId: contact?.id ?? null, name })
    .onConflictDoUpdate({
      target: [speakerAliases.orgId, speakerAliases.speakerKey],
      set: { contactId: sql`excluded.contact_id`, name: sql`excluded.name`, updatedAt: now },
      setWhere: eq(speakerAliases.orgId, orgId),
    });
  const speakers: SpeakerMapping[] = found.record.speakers.map((s) =>
    s.speaker === input.speaker
      ? {
          speaker: s.speaker,
          contactId: contact?.id ?? null,
          name,
          email: contact?.email ?? null,
          how: 'manual',
        }
      : s,
  );
  const [row] = await deps.db
    .update(callRecords)
    .set({ speakers, updatedAt: now })
    .where(and(eq(callRecords.orgId, orgId), eq(callRecords.id, input.id)))
    .returning();
  if (!row) throw new DomainError('NOT_FOUND', 'no such call record');
  return callRecordViewOf(row, found);
}
