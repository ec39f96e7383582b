import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BriefAttendee, MeetingBrief } from '../../shared/api/briefs.ts';
import { aiProvider, createdAt, ofCustomer, orgId, orgIsolation, orgKey, orgs, tstz } from '../db/schema.ts';

/**
 * The prep brief of one Calendar event, kept so that opening the event again costs no model call.
 * `dataVersion` is what the brief read of the customer's data (see data-version.ts): when the
 * customer's data no longer gives the same version, the brief is stale.
 */
export const meetingBriefs = pgTable(
  'meeting_briefs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    /** The Calendar API's event id, or `adhoc:<hash>` for an event the page gave no id for. */
    eventKey: text('event_key').notNull(),
    customerId: uuid('customer_id').notNull(),
    title: text('title').notNull().default(''),
    startsAt: tstz('starts_at'),
    /** The guests as the page listed them: what a scheduled regeneration briefs on. */
    attendees: jsonb('attendees').$type<BriefAttendee[]>().notNull().default([]),
    brief: jsonb('brief').$type<MeetingBrief>().notNull(),
    provider: aiProvider('provider').notNull(),
    model: text('model').notNull(),
    dataVersion: text('data_version').notNull(),
    generatedAt: tstz('generated_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('meeting_briefs_event_key').on(t.orgId, t.eventKey),
    index('meeting_briefs_org_start_idx').on(t.orgId, t.startsAt),
    orgKey('meeting_briefs', t),
    ofCustomer(t),
    orgIsolation('meeting_briefs'),
  ],
);

export type MeetingBriefRow = typeof meetingBriefs.$inferSelect;
