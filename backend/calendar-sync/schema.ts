import { boolean, foreignKey, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activities, orgId, orgIsolation, orgKey, orgs, tstz, users } from '../db/schema.ts';

/**
 * Where each member's Calendar sync stands: the sync token Google gave on the last complete run
 * (opaque, not a credential: it reads nothing without the member's access token), and its outcome.
 */
export const calendarSyncs = pgTable(
  'calendar_syncs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    userId: uuid('user_id').notNull(),
    calendarId: text('calendar_id').notNull().default('primary'),
    syncToken: text('sync_token'),
    lastSyncedAt: tstz('last_synced_at'),
    lastRecorded: integer('last_recorded').notNull().default(0),
    lastError: text('last_error'),
    lastErrorAt: tstz('last_error_at'),
    /** When a member asked for a sync from settings: pending until a run finishes after it. */
    requestedAt: tstz('requested_at'),
  },
  (t) => [
    uniqueIndex('calendar_syncs_member_key').on(t.orgId, t.userId, t.calendarId),
    orgKey('calendar_syncs', t),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    orgIsolation('calendar_syncs'),
  ],
);

export type CalendarSyncRow = typeof calendarSyncs.$inferSelect;

/** A guest's answer to the invitation, as Google writes it. */
export const guestResponses = ['needsAction', 'declined', 'tentative', 'accepted'] as const;
export type GuestResponse = (typeof guestResponses)[number];

/**
 * Where a meeting's guest list came from: the Calendar sync (Google's API, with answers and the
 * organiser) or the event as the sidebar's Calendar page showed it (what the page lists).
 */
export const guestSources = ['calendar_sync', 'calendar_page'] as const;
export type GuestSource = (typeof guestSources)[number];

/**
 * Who a synced Calendar meeting invited, one row per address (rooms left out), replaced each time
 * the sync sees the event change: what a brief lists before anyone opens the event, and whom a
 * call's speakers are matched to.
 */
export const meetingGuests = pgTable(
  'meeting_guests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId().references(() => orgs.id),
    /** The meeting on a customer's timeline the event was recorded as. */
    activityId: uuid('activity_id').notNull(),
    /** Lower-cased. */
    email: text('email').notNull(),
    /** Google's displayName; often empty for guests outside the organiser's domain. */
    name: text('name').notNull().default(''),
    response: text('response').$type<GuestResponse>().notNull(),
    organiser: boolean('organiser').notNull().default(false),
    source: text('source').$type<GuestSource>().notNull().default('calendar_sync'),
  },
  (t) => [
    uniqueIndex('meeting_guests_key').on(t.orgId, t.activityId, t.email),
    orgKey('meeting_guests', t),
    foreignKey({
      columns: [t.orgId, t.activityId],
      foreignColumns: [activities.orgId, activities.id],
    }).onDelete('cascade'),
    orgIsolation('meeting_guests'),
  ],
);

export type MeetingGuestRow = typeof meetingGuests.$inferSelect;
