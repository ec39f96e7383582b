import type { ActivityOutput, ContactOutput, CustomerSummary } from '../../shared/api/customers.ts';
import type { activities, contacts, customers } from '../db/schema.ts';

/** The columns of a customer that its summary shows. */
export type CustomerRow = Pick<
  typeof customers.$inferSelect,
  | 'id'
  | 'name'
  | 'ownerId'
  | 'segment'
  | 'stage'
  | 'arrMinor'
  | 'currency'
  | 'renewalDate'
  | 'source'
  | 'externalId'
  | 'updatedAt'
>;

export function toCustomerSummary(row: CustomerRow, domains: string[]): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    domains,
    segment: row.segment,
    stage: row.stage,
    ownerId: row.ownerId,
    arrMinor: row.arrMinor,
    currency: row.currency,
    renewalDate: row.renewalDate,
    source: row.source,
    externalId: row.externalId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toContactOutput(row: Pick<typeof contacts.$inferSelect, keyof ContactOutput>): ContactOutput {
  return {
    id: row.id,
    customerId: row.customerId,
    email: row.email,
    name: row.name,
    title: row.title,
    role: row.role,
  };
}

export function toActivityOutput(row: typeof activities.$inferSelect): ActivityOutput {
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurredAt.toISOString(),
    subject: row.subject,
    summary: row.summary,
    contactId: row.contactId,
    ticketStatus: row.ticketStatus,
    ticketPriority: row.ticketPriority,
    npsScore: row.npsScore,
    source: row.source,
  };
}

/** Whole days from today (in the user's time zone) to a calendar date; negative once past. */
export function daysUntil(date: string, now: Date, timeZone: string): number {
  const today = todayIn(timeZone, now);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Building a formatter costs more than the rest of a context lookup's own work: one per zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * Formatting a date still costs as much as the rest of the lookup's mapping: the last one per zone,
 * kept for the minute it was made in (zones' offsets are whole minutes now, so a zone's date cannot
 * change within one).
 */
const lastDates = new Map<string, { minute: number; date: string }>();

/** The calendar date it is now for someone in this time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastDates.get(timeZone);
  if (last?.minute === minute) return last.date;
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  const date = format.format(now);
  lastDates.set(timeZone, { minute, date });
  return date;
}

/** The owner columns of a customers query joined to users (null when unowned or the user is gone). */
export function toOwnerOutput(
  ownerId: string | null,
  owner: { ownerName: string | null; ownerEmail: string | null },
): { id: string; name: string; email: string } | null {
  return ownerId && owner.ownerEmail
    ? { id: ownerId, name: owner.ownerName ?? '', email: owner.ownerEmail }
    : null;
}
