import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ActivityOutput } from '../../shared/api/customers.ts';
import type { Db } from '../db/client.ts';
import { activities, contacts } from '../db/schema.ts';
import { activityColumns, toActivity } from './activity-rows.ts';

/** The attendees who are the customer's contacts, and each one's latest entry (`touched` filters it). */
export async function readAttendeeContacts(
  tx: Db,
  orgId: string,
  customerId: string,
  emails: string[],
  touched: SQL | undefined,
) {
  if (emails.length === 0) return { contacts: [], lastTouches: new Map<string, ActivityOutput>() };
  const found = await tx
    .select({
      id: contacts.id,
      email: contacts.email,
      name: contacts.name,
      title: contacts.title,
      role: contacts.role,
    })
    .from(contacts)
    .where(
      and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId), inArray(contacts.email, emails)),
    );
  const touches =
    found.length === 0
      ? []
      : await tx
          .selectDistinctOn([activities.contactId], activityColumns)
          .from(activities)
          .where(
            and(
              touched,
              inArray(
                activities.contactId,
                found.map((c) => c.id),
              ),
            ),
          )
          .orderBy(activities.contactId, desc(activities.occurredAt));
  return {
    contacts: found,
    lastTouches: new Map(touches.map((row) => [row.contactId ?? '', toActivity(row)])),
  };
}
