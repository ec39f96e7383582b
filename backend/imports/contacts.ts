import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { email } from '../../shared/api/common.ts';
import { contactRoles } from '../../shared/enums.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { contacts, customers } from '../db/schema.ts';
import type { LineProblem } from './csv.ts';
import { externalId, optional, requiredText, source } from './fields.ts';
import type { Importer, ValidRow, WriteContext } from './importer.ts';
import { findCustomerIds, missingCustomer } from './references.ts';
import { type BatchColumn, keyOf, upsertBatch } from './upsert.ts';

const contactRow = z
  .object({
    external_id: externalId,
    source,
    customer_external_id: requiredText(200),
    email: requiredText(320).pipe(email),
    name: optional(z.string().trim().max(200)),
    title: optional(z.string().trim().max(200)),
    role: optional(z.enum(contactRoles)),
  })
  .transform((row) => ({
    source: row.source,
    externalId: row.external_id,
    customerExternalId: row.customer_external_id,
    email: row.email,
    name: row.name ?? '',
    title: row.title ?? '',
    role: row.role ?? 'user',
  }));

type ContactRow = z.infer<typeof contactRow>;
type ResolvedContact = ContactRow & { customerId: string };

export const contactImporter: Importer<ContactRow, ResolvedContact> = {
  entity: 'contacts',
  tables: [contacts],
  requiredColumns: ['external_id', 'customer_external_id', 'email'],
  optionalColumns: ['source', 'name', 'title', 'role'],
  schema: contactRow,
  uniqueWithinFile: (row) => [
    { label: 'external_id', value: keyOf(row.source, row.externalId) },
    { label: `email ${row.email}`, value: row.email },
  ],
  resolve,
  write,
};

/** The customer must exist; an address may belong to one contact of the org only. */
async function resolve(tx: Db, orgId: string, rows: ValidRow<ContactRow>[]) {
  const customerIds = await findCustomerIds(
    tx,
    orgId,
    rows.map((r) => r.row),
  );
  const holders = await tx
    .select({
      email: contacts.email,
      source: contacts.source,
      externalId: contacts.externalId,
      customerName: customers.name,
    })
    .from(contacts)
    .innerJoin(customers, and(eq(customers.orgId, contacts.orgId), eq(customers.id, contacts.customerId)))
    .where(
      and(
        eq(contacts.orgId, orgId),
        inArray(
          contacts.email,
          rows.map((r) => r.row.email),
        ),
      ),
    );
  const holderByEmail = new Map(holders.map((h) => [h.email, h]));
  const problems: LineProblem[] = [];
  const resolved: ValidRow<ResolvedContact>[] = [];
  for (const { line, row } of rows) {
    const reasons: string[] = [];
    const customerId = customerIds.get(keyOf(row.source, row.customerExternalId));
    if (!customerId) reasons.push(missingCustomer(row.source, row.customerExternalId));
    const holder = holderByEmail.get(row.email);
    if (holder && (holder.source !== row.source || holder.externalId !== row.externalId))
      reasons.push(`email: ${row.email} is already a contact of "${holder.customerName}"`);
    if (customerId && reasons.length === 0) resolved.push({ line, row: { ...row, customerId } });
    else problems.push({ line, reason: reasons.join('; ') });
  }
  return { resolved, problems };
}

async function write(tx: Db, context: WriteContext, rows: ResolvedContact[]) {
  const optionalColumns: BatchColumn[] = [
    { name: 'name', type: 'text', values: rows.map((r) => r.name) },
    { name: 'title', type: 'text', values: rows.map((r) => r.title) },
    { name: 'role', type: 'contact_role', values: rows.map((r) => r.role) },
  ];
  const outcome = await upsertBatch(tx, {
    orgId: context.orgId,
    now: context.now,
    table: 'contacts',
    action: 'import.contact',
    keys: rows,
    columns: [
      { name: 'customer_id', type: 'uuid', values: rows.map((r) => r.customerId) },
      { name: 'email', type: 'text', values: rows.map((r) => r.email) },
      ...optionalColumns.filter((c) => context.columns.has(c.name)),
    ],
  });
  await recordAudit(tx, [...outcome.audit.values()]);
  return { created: outcome.createdIds.size, updated: outcome.audit.size - outcome.createdIds.size };
}
