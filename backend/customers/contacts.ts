import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ContactOutput, linkContactInput, upsertContactInput } from '../../shared/api/customers.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { contacts, customers } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { givenOnly } from './given-only.ts';
import { toContactOutput } from './output.ts';

async function requireCustomer(db: Db, orgId: string, customerId: string): Promise<void> {
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  if (!row) throw new DomainError('NOT_FOUND', 'no such customer');
}

/** Creates or updates a contact; an address belongs to one contact per org. */
export async function upsertContact(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof upsertContactInput>,
): Promise<ContactOutput> {
  await requireCustomer(db, principal.orgId, input.customerId);
  const now = clock.now();
  const values = {
    customerId: input.customerId,
    email: input.email,
    ...givenOnly({ name: input.name, title: input.title, role: input.role }),
  };
  let row: typeof contacts.$inferSelect | undefined;
  if (input.id) {
    [row] = await db
      .update(contacts)
      .set({ ...values, updatedAt: now })
      .where(and(eq(contacts.orgId, principal.orgId), eq(contacts.id, input.id)))
      .returning();
    if (!row) throw new DomainError('NOT_FOUND', 'no such contact');
  } else {
    [row] = await db
      .insert(contacts)
      .values({
        ...values,
        orgId: principal.orgId,
        source: input.source,
        externalId: input.externalId ?? null,
      })
      .onConflictDoUpdate({ target: [contacts.orgId, contacts.email], set: { ...values, updatedAt: now } })
      .returning();
  }
  if (!row) throw new Error('contact write returned nothing');
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'contact.upsert',
    tableName: 'contacts',
    rowId: row.id,
    changes: values,
  });
  return toContactOutput(row);
}

/**
 * "This person works for customer X": the fix when matching missed or was wrong. Keeps the name,
 * title and role already known unless new ones are given.
 */
export async function linkContact(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof linkContactInput>,
): Promise<ContactOutput> {
  await requireCustomer(db, principal.orgId, input.customerId);
  const now = clock.now();
  const [before] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, principal.orgId), eq(contacts.email, input.email)));
  const changes = {
    customerId: input.customerId,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.role !== undefined ? { role: input.role } : {}),
  };
  const [row] = before
    ? await db
        .update(contacts)
        .set({ ...changes, updatedAt: now })
        .where(and(eq(contacts.orgId, principal.orgId), eq(contacts.id, before.id)))
        .returning()
    : await db
        .insert(contacts)
        .values({ ...changes, orgId: principal.orgId, email: input.email })
        .returning();
  if (!row) throw new Error('contact write returned nothing');
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'contact.link',
    tableName: 'contacts',
    rowId: row.id,
    changes: { ...changes, fromCustomerId: before?.customerId ?? null },
  });
  return toContactOutput(row);
}
