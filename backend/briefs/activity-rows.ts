import type { ActivityOutput } from '../../shared/api/customers.ts';
import { activities } from '../db/schema.ts';

/** A timeline entry's columns as the sidebar shows it (the brief's cited activities). */
export const activityColumns = {
  id: activities.id,
  kind: activities.kind,
  occurredAt: activities.occurredAt,
  subject: activities.subject,
  summary: activities.summary,
  contactId: activities.contactId,
  ticketStatus: activities.ticketStatus,
  ticketPriority: activities.ticketPriority,
  npsScore: activities.npsScore,
  source: activities.source,
};
export type ActivityRow = { occurredAt: Date } & Omit<ActivityOutput, 'occurredAt'>;
export const toActivity = (row: ActivityRow): ActivityOutput => ({
  ...row,
  occurredAt: row.occurredAt.toISOString(),
});
