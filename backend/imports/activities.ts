import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { email, isoDate, isoDateTime } from '../../shared/api/common.ts';
import { activityKinds, ticketPriorities, ticketStatuses } from '../../shared/enums.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { activities, contacts } from '../db/schema.ts';
import type { LineProblem } from './csv.ts';
import { blankToUndefined, externalId, optional, requiredError, requiredText, source } from './fields.ts';
import type { Importer, ValidRow, WriteContext } from './importer.ts';
import { findCustomerIds, missingCustomer } from './references.ts';
import { type BatchColumn, keyOf, upsertBatch } from './upsert.ts';

/** A moment with its offset, or a bare date (taken as midnight UTC). */
const occurredAt = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z
    .union([isoDateTime, isoDate], requiredError)
    .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v)),
);

const activityRow = z
  .object({
    external_id: externalId,
    source,
    customer_external_id: requiredText(200),
    kind: z.preprocess(blankToUndefined, z.enum(activityKinds, requiredError)),
    occurred_at: occurredAt,
    contact_email: optional(email),
    subject: optional(z.string().trim().max(500)),
    summary: optional(z.string().trim().max(10_000)),
    ticket_status: optional(z.enum(ticketStatuses)),
    ticket_priority: optional(z.enum(ticketPriorities)),
    nps_score: optional(
      z
        .string()
        .trim()
        .regex(/^\d{1,2}$/, 'a whole number from 0 to 10'),
    )
      .transform((v) => (v === undefined ? undefined : Number(v)))
      .pipe(z.number().max(10, 'a whole number from 0 to 10').optional()),
  })
  .superRefine((row, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (row.kind !== 'ticket') {
      if (row.ticket_status) issue('ticket_status', 'only for kind ticket');
      if (row.ticket_priority) issue('ticket_priority', 'only for kind ticket');
    }
    if (row.kind === 'nps' && row.nps_score === undefined) issue('nps_score', 'required for kind nps');
    if (row.kind !== 'nps' && row.nps_score !== undefined) issue('nps_score', 'only for kind nps');
  })
  .transform((row) => ({
    source: row.source,
    externalId: row.external_id,
    customerExternalId: row.customer_external_id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    contactEmail: row.contact_email ?? null,
    subject: row.subject ?? '',
    summary: row.summary ?? '',
    ticketStatus: row.kind === 'ticket' ? (row.ticket_status ?? 'open') : null,
    ticketPriority: row.kind === 'ticket' ? (row.ticket_priority ?? 'normal') : null,
    npsScore: row.nps_score ?? null,
  }));

type ActivityRow = z.infer<typeof activityRow>;
type ResolvedActivity = ActivityRow & { customerId: string; contactId: string | null };

export const activityImporter: Importer<ActivityRow, ResolvedActivity> = {
  entity: 'activities',
  tables: [activities],
  requiredColumns: ['external_id', 'customer_external_id', 'kind', 'occurred_at'],
  optionalColumns: [
    'source',
    'contact_email',
    'subject',
    'summary',
    'ticket_status',
    'ticket_priority',
    'nps_score',
  ],
  schema: activityRow,
  uniqueWithinFile: (row) => [{ label: 'external_id', value: keyOf(row.source, row.externalId) }],
  resolve,
  write,
};

/** The customer must exist, and a contact_email must be a known contact of the org. */
async function resolve(tx: Db, orgId: string, rows: ValidRow<ActivityRow>[]) {
  const customerIds = await findCustomerIds(
    tx,
    orgId,
    rows.map((r) => r.row),
  );
  const emails = [...new Set(rows.flatMap((r) => (r.row.contactEmail ? [r.row.contactEmail] : [])))];
  const known = emails.length
    ? await tx
        .select({ id: contacts.id, email: contacts.email })
        .from(contacts)
        .where(and(eq(contacts.orgId, orgId), inArray(contacts.email, emails)))
    : [];
  const contactByEmail = new Map(known.map((c) => [c.email, c.id]));
  const problems: LineProblem[] = [];
  const resolved: ValidRow<ResolvedActivity>[] = [];
  for (const { line, row } of rows) {
    const reasons: string[] = [];
    const customerId = customerIds.get(keyOf(row.source, row.customerExternalId));
    if (!customerId) reasons.push(missingCustomer(row.source, row.customerExternalId));
    const contactId = row.contactEmail ? contactByEmail.get(row.contactEmail) : null;
    if (contactId === undefined) reasons.push(`contact_email: no contact ${row.contactEmail} in this org`);
    if (customerId && contactId !== undefined && reasons.length === 0)
      resolved.push({ line, row: { ...row, customerId, contactId } });
    else problems.push({ line, reason: reasons.join('; ') });
  }
  return { resolved, problems };
}

async function write(tx: Db, context: WriteContext, rows: ResolvedActivity[]) {
  const byFileColumn: [string, BatchColumn][] = [
    ['contact_email', { name: 'contact_id', type: 'uuid', values: rows.map((r) => r.contactId) }],
    ['subject', { name: 'subject', type: 'text', values: rows.map((r) => r.subject) }],
    ['summary', { name: 'summary', type: 'text', values: rows.map((r) => r.summary) }],
  ];
  const outcome = await upsertBatch(tx, {
    orgId: context.orgId,
    now: context.now,
    table: 'activities',
    action: 'import.activity',
    keys: rows,
    columns: [
      { name: 'customer_id', type: 'uuid', values: rows.map((r) => r.customerId) },
      { name: 'kind', type: 'activity_kind', values: rows.map((r) => r.kind) },
      { name: 'occurred_at', type: 'timestamptz', values: rows.map((r) => r.occurredAt.toISOString()) },
      // What kind of row it is decides these, so they are always written.
      { name: 'ticket_status', type: 'ticket_status', values: rows.map((r) => r.ticketStatus) },
      { name: 'ticket_priority', type: 'ticket_priority', values: rows.map((r) => r.ticketPriority) },
      { name: 'nps_score', type: 'smallint', values: rows.map((r) => r.npsScore) },
      ...byFileColumn.filter(([file]) => context.columns.has(file)).map(([, column]) => column),
    ],
  });
  await recordAudit(tx, [...outcome.audit.values()]);
  return { created: outcome.createdIds.size, updated: outcome.audit.size - outcome.createdIds.size };
}
