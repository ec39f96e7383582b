import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { currency, email, isoDate } from '../../shared/api/common.ts';
import { lifecycleStages, segments } from '../../shared/enums.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { customerDomains, customers, users } from '../db/schema.ts';
import type { LineProblem } from './csv.ts';
import { syncCustomerDomains } from './customer-domains.ts';
import { domainList, externalId, optional, requiredText, source, toMinorUnits } from './fields.ts';
import type { Importer, ValidRow, WriteContext } from './importer.ts';
import { type BatchColumn, keyOf, upsertBatch } from './upsert.ts';

const amountFormat = 'a plain number such as 125000.50 (no thousands separators)';

const customerRow = z
  .object({
    external_id: externalId,
    source,
    name: requiredText(200),
    domains: domainList,
    owner_email: optional(email),
    segment: optional(z.enum(segments)),
    stage: optional(z.enum(lifecycleStages)),
    arr: optional(
      z
        .string()
        .trim()
        .regex(/^\d{1,13}(\.\d+)?$/, amountFormat),
    ),
    currency: optional(currency),
    renewal_date: optional(isoDate),
  })
  .transform((row, ctx) => {
    const currencyCode = row.currency ?? 'USD';
    const arrMinor = row.arr === undefined ? 0 : toMinorUnits(row.arr, currencyCode);
    if (typeof arrMinor === 'string') {
      ctx.addIssue({ code: 'custom', path: ['arr'], message: arrMinor });
      return z.NEVER;
    }
    return {
      source: row.source,
      externalId: row.external_id,
      name: row.name,
      domains: row.domains,
      ownerEmail: row.owner_email ?? null,
      segment: row.segment ?? 'smb',
      stage: row.stage ?? 'onboarding',
      arrMinor,
      currency: currencyCode,
      renewalDate: row.renewal_date ?? null,
    };
  });

type CustomerRow = z.infer<typeof customerRow>;
type ResolvedCustomer = CustomerRow & { ownerId: string | null };

export const customerImporter: Importer<CustomerRow, ResolvedCustomer> = {
  entity: 'customers',
  tables: [customers, customerDomains],
  requiredColumns: ['external_id', 'name'],
  optionalColumns: [
    'source',
    'domains',
    'owner_email',
    'segment',
    'stage',
    'arr',
    'currency',
    'renewal_date',
  ],
  schema: customerRow,
  uniqueWithinFile: (row) => [
    { label: 'external_id', value: keyOf(row.source, row.externalId) },
    ...row.domains.map((d) => ({ label: `domain ${d}`, value: d })),
  ],
  resolve,
  write,
};

/** Owners must be active users of the org; a domain may not already belong to a different customer. */
async function resolve(tx: Db, orgId: string, rows: ValidRow<CustomerRow>[]) {
  const problems: LineProblem[] = [];
  const resolved: ValidRow<ResolvedCustomer>[] = [];
  const ownerEmails = [...new Set(rows.flatMap((r) => (r.row.ownerEmail ? [r.row.ownerEmail] : [])))];
  const owners = ownerEmails.length
    ? await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.orgId, orgId), inArray(users.email, ownerEmails), isNull(users.removedAt)))
    : [];
  const ownerByEmail = new Map(owners.map((o) => [o.email, o.id]));
  const domains = [...new Set(rows.flatMap((r) => r.row.domains))];
  const holders = domains.length
    ? await tx
        .select({
          domain: customerDomains.domain,
          name: customers.name,
          source: customers.source,
          externalId: customers.externalId,
        })
        .from(customerDomains)
        .innerJoin(customers, eq(customers.id, customerDomains.customerId))
        .where(and(eq(customerDomains.orgId, orgId), inArray(customerDomains.domain, domains)))
    : [];
  const holderByDomain = new Map(holders.map((h) => [h.domain, h]));
  for (const { line, row } of rows) {
    const reasons: string[] = [];
    const ownerId = row.ownerEmail ? ownerByEmail.get(row.ownerEmail) : null;
    if (ownerId === undefined) reasons.push(`owner_email: no active user ${row.ownerEmail} in this org`);
    for (const d of row.domains) {
      const holder = holderByDomain.get(d);
      if (holder && (holder.source !== row.source || holder.externalId !== row.externalId))
        reasons.push(`domains: ${d} already belongs to customer "${holder.name}"`);
    }
    if (reasons.length > 0) problems.push({ line, reason: reasons.join('; ') });
    else resolved.push({ line, row: { ...row, ownerId: ownerId ?? null } });
  }
  return { resolved, problems };
}

async function write(tx: Db, context: WriteContext, rows: ResolvedCustomer[]) {
  const byFileColumn: [string, BatchColumn][] = [
    ['owner_email', { name: 'owner_id', type: 'uuid', values: rows.map((r) => r.ownerId) }],
    ['segment', { name: 'segment', type: 'customer_segment', values: rows.map((r) => r.segment) }],
    ['stage', { name: 'stage', type: 'lifecycle_stage', values: rows.map((r) => r.stage) }],
    ['arr', { name: 'arr_minor', type: 'bigint', values: rows.map((r) => r.arrMinor) }],
    ['currency', { name: 'currency', type: 'text', values: rows.map((r) => r.currency) }],
    ['renewal_date', { name: 'renewal_date', type: 'date', values: rows.map((r) => r.renewalDate) }],
  ];
  const columns: BatchColumn[] = [
    { name: 'name', type: 'text', values: rows.map((r) => r.name) },
    ...byFileColumn.filter(([file]) => context.columns.has(file)).map(([, column]) => column),
  ];
  const outcome = await upsertBatch(tx, {
    orgId: context.orgId,
    now: context.now,
    table: 'customers',
    action: 'import.customer',
    keys: rows,
    columns,
  });
  if (context.columns.has('domains')) await syncCustomerDomains(tx, context, rows, outcome);
  await recordAudit(tx, [...outcome.audit.values()]);
  return { created: outcome.createdIds.size, updated: outcome.audit.size - outcome.createdIds.size };
}
