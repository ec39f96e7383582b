import { foreignKey, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CallRecordEdits, CallSource, SpeakerMapping } from '../../shared/api/call-records.ts';
import type { MeetingAnalysis, TranscriptTurn } from '../../shared/api/meetings.ts';
import {
  activities,
  contacts,
  createdAt,
  ofCustomer,
  orgId,
  orgIsolation,
  orgKey,
  orgs,
  tstz,
  updatedAt,
} from '../db/schema.ts';

/**
 * A call's transcript and what was made of it, one per meeting on the timeline. The model's
 * analysis and the CSM's edits are kept apart: analysing again replaces `analysis` and never
 * touches `edits`, and the view lays the edits over it.
 */
export const callRecords = pgTable(
  'call_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    customerId: uuid('customer_id').notNull(),
    /** The meeting (or call) activity on the customer's timeline this record belongs to. */
    activityId: uuid('activity_id').notNull(),
    source: text('source').$type<CallSource>().notNull(),
    /** Zoom's meeting number, digits only (conferenceKey): how a Zoom meeting page finds the record. */
    conferenceId: text('conference_id'),
    /** The meeting instance's UUID at Zoom: how a recording page and the webhook find it. */
    zoomMeetingUuid: text('zoom_meeting_uuid'),
    meetingAt: tstz('meeting_at').notNull(),
    /** sha256 of the turns: the same transcript imported again changes nothing. */
    transcriptHash: text('transcript_hash').notNull(),
    turns: jsonb('turns').$type<TranscriptTurn[]>().notNull(),
    analysis: jsonb('analysis').$type<MeetingAnalysis>().notNull(),
    edits: jsonb('edits').$type<CallRecordEdits>().notNull().default({}),
    speakers: jsonb('speakers').$type<SpeakerMapping[]>().notNull().default([]),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    analysedAt: tstz('analysed_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('call_records_activity_key').on(t.orgId, t.activityId),
    uniqueIndex('call_records_zoom_uuid_key').on(t.orgId, t.zoomMeetingUuid),
    index('call_records_conference_idx').on(t.orgId, t.conferenceId, t.meetingAt),
    index('call_records_customer_idx').on(t.orgId, t.customerId, t.meetingAt),
    orgKey('call_records', t),
    ofCustomer(t),
    foreignKey({
      columns: [t.orgId, t.activityId],
      foreignColumns: [activities.orgId, activities.id],
    }).onDelete('cascade'),
    orgIsolation('call_records'),
  ],
);

export type CallRecordRow = typeof callRecords.$inferSelect;

/**
 * Where a token came from: the recording's share link or one file's play link (Zoom's API), or the
 * recording page a transcript was pasted on (`page`: a play or share token, or a meeting UUID).
 */
export const recordingLinkKinds = ['share', 'play', 'page'] as const;
export type RecordingLinkKind = (typeof recordingLinkKinds)[number];

/**
 * The tokens of the Zoom pages that show a call's recording (`/rec/share/<token>`,
 * `/rec/play/<token>`): how a recording page, which may show no meeting number, finds its record.
 * Kept from Zoom's recordings API on import, or from the page a transcript was pasted on.
 */
export const zoomRecordingLinks = pgTable(
  'zoom_recording_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    callRecordId: uuid('call_record_id').notNull(),
    /** The URL's path segment as Zoom writes it (not decoded), as the page's adapter reads it. */
    token: text('token').notNull(),
    kind: text('kind').$type<RecordingLinkKind>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('zoom_recording_links_token_key').on(t.orgId, t.token),
    index('zoom_recording_links_record_idx').on(t.orgId, t.callRecordId),
    orgKey('zoom_recording_links', t),
    foreignKey({
      columns: [t.orgId, t.callRecordId],
      foreignColumns: [callRecords.orgId, callRecords.id],
    }).onDelete('cascade'),
    orgIsolation('zoom_recording_links'),
  ],
);

/**
 * A CSM's fix of who a speaker is, remembered for the org: a later call with a speaker of the same
 * name (compared by `speaker_key`, lower-cased and trimmed) is mapped the same way.
 */
export const speakerAliases = pgTable(
  'speaker_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    speakerKey: text('speaker_key').notNull(),
    contactId: uuid('contact_id'),
    /** The name shown when the speaker is nobody in the CRM (an outside consultant). */
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('speaker_aliases_key').on(t.orgId, t.speakerKey),
    orgKey('speaker_aliases', t),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete(
      'cascade',
    ),
    orgIsolation('speaker_aliases'),
  ],
);
