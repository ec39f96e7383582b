import { foreignKey, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgId, orgIsolation, orgKey, orgs, tstz, users } from '../db/schema.ts';

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
