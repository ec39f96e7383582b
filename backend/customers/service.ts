import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CustomerSummary,
  customerDetail,
  listCustomersInput,
  listCustomersOutput,
  timelineInput,
  timelineOutput,
  upsertCustomerInput,
} from '../../shared/api/customers.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { activities, contacts, contracts, customerDomains, customers, tasks, users } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { givenOnly } from './given-only.ts';
import { toActivityOutput, toContactOutput, toCustomerSummary, todayIn, toOwnerOutput } from './output.ts';
import { customerDomainList, customerOwnerJoin } from './queries.ts';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Search by name or domain, filter by owner, stage, segment and renewal window; paged by name, A to Z. */
export async function listCustomers(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof listCustomersInput>,
): Promise<z.infer<typeof listCustomersOutput>> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const todayIso = todayIn(principal.timeZone, clock.now());
  const search = input.search ? `%${escapeLike(input.search.toLowerCase())}%` : undefined;
  const rows = await db
    .select({ customer: customers, domains: customerDomainList })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, principal.orgId),
        search
          ? or(
              ilike(customers.name, search),
              sql`exists (select 1 from ${customerDomains} d where d.org_id = ${customers.orgId} and d.customer_id = ${customers.id} and d.domain like ${search})`,
            )
          : undefined,
        input.ownerId ? eq(customers.ownerId, input.ownerId) : undefined,
        input.stage ? eq(customers.stage, input.stage) : undefined,
        input.segment ? eq(customers.segment, input.segment) : undefined,
        input.renewalWithinDays !== undefined
          ? and(
              gte(customers.renewalDate, todayIso),
              lte(customers.renewalDate, sql`${todayIso}::date + ${input.renewalWithinDays}::int`),
            )
          : undefined,
        after
          ? sql`(lower(${customers.name}), ${customers.id}) > (${after[0]}, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`lower(${customers.name})`, asc(customers.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => toCustomerSummary(r.customer, r.domains));
  const last = items[items.length - 1];
  // Case-insensitive order reads as people expect, and pages the same under any collation.
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
  };
}

export async function getCustomer(
  { db, principal }: OrgDeps,
  { id: customerId }: { id: string },
): Promise<z.infer<typeof customerDetail>> {
  const [row] = await db
    .select({
      customer: customers,
      domains: customerDomainList,
      ownerName: users.name,
      ownerEmail: users.email,
    })
    .from(customers)
    .leftJoin(users, customerOwnerJoin)
    .where(and(eq(customers.orgId, principal.orgId), eq(customers.id, customerId)))
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', 'no such customer');
  const scoped = (table: typeof contacts | typeof contracts | typeof tasks) =>
    and(eq(table.orgId, principal.orgId), eq(table.customerId, customerId));
  const [contactRows, contractRows, taskRows] = await Promise.all([
    db.select().from(contacts).where(scoped(contacts)).orderBy(asc(contacts.email)).limit(500),
    db.select().from(contracts).where(scoped(contracts)).orderBy(desc(contracts.endDate)).limit(100),
    db
      .select()
      .from(tasks)
      .where(and(scoped(tasks), eq(tasks.status, 'open')))
      .orderBy(asc(tasks.dueDate))
      .limit(100),
  ]);
  const { customer } = row;
  return {
    ...toCustomerSummary(customer, row.domains),
    owner: toOwnerOutput(customer.ownerId, row),
    contacts: contactRows.map(toContactOutput),
    contracts: contractRows.map((c) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      startDate: c.startDate,
      endDate: c.endDate,
      arrMinor: c.arrMinor,
      currency: c.currency,
    })),
    openTasks: taskRows.map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      dueDate: t.dueDate,
      assigneeId: t.assigneeId,
    })),
  };
}

/** Creates or updates by id, or by (source, external id) when given; the domain list is replaced. */
export async function upsertCustomer(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof upsertCustomerInput>,
): Promise<CustomerSummary> {
  const now = clock.now();
  if (input.ownerId) await requireActiveUser(db, principal.orgId, input.ownerId);
  const existing = await findExisting(db, principal.orgId, input);
  const values = {
    name: input.name,
    ...givenOnly({
      segment: input.segment,
      stage: input.stage,
      arrMinor: input.arrMinor,
      currency: input.currency,
      ownerId: input.ownerId,
      renewalDate: input.renewalDate,
    }),
  };
  const [row] = existing
    ? await db
        .update(customers)
        .set({ ...values, updatedAt: now })
        .where(and(eq(customers.orgId, principal.orgId), eq(customers.id, existing.id)))
        .returning()
    : await db
        .insert(customers)
        .values({
          ...values,
          orgId: principal.orgId,
          source: input.source,
          externalId: input.externalId ?? null,
        })
        .returning();
  if (!row) throw new Error('customer write returned nothing');
  const domains = input.domains
    ? await replaceDomains(db, principal.orgId, row.id, input.domains)
    : await domainsOf(db, principal.orgId, row.id);
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: existing ? 'customer.update' : 'customer.create',
    tableName: 'customers',
    rowId: row.id,
    changes: { ...values, domains },
  });
  return toCustomerSummary(row, domains);
}

async function findExisting(db: Db, orgId: string, input: z.infer<typeof upsertCustomerInput>) {
  if (input.id) {
    const [row] = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.orgId, orgId), eq(customers.id, input.id)));
    if (!row) throw new DomainError('NOT_FOUND', 'no such customer');
    return row;
  }
  if (!input.externalId) return undefined;
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, orgId),
        eq(customers.source, input.source),
        eq(customers.externalId, input.externalId),
      ),
    );
  return row;
}

async function replaceDomains(
  db: Db,
  orgId: string,
  customerId: string,
  wanted: string[],
): Promise<string[]> {
  const domains = [...new Set(wanted)].sort();
  if (domains.length > 0) {
    const taken = await db
      .select({ domain: customerDomains.domain, customerId: customerDomains.customerId })
      .from(customerDomains)
      .where(and(eq(customerDomains.orgId, orgId), inArray(customerDomains.domain, domains)));
    const clash = taken.find((t) => t.customerId !== customerId);
    if (clash)
      throw new DomainError('CONFLICT', `the domain ${clash.domain} already belongs to another customer`);
  }
  await db
    .delete(customerDomains)
    .where(
      and(
        eq(customerDomains.orgId, orgId),
        eq(customerDomains.customerId, customerId),
        domains.length > 0 ? sql`${customerDomains.domain} <> all(${sql.param(domains)}::text[])` : undefined,
      ),
    );
  if (domains.length > 0) {
    await db
      .insert(customerDomains)
      .values(domains.map((domain) => ({ orgId, domain, customerId })))
      .onConflictDoNothing();
  }
  return domains;
}

async function domainsOf(db: Db, orgId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ domain: customerDomains.domain })
    .from(customerDomains)
    .where(and(eq(customerDomains.orgId, orgId), eq(customerDomains.customerId, customerId)))
    .orderBy(asc(customerDomains.domain));
  return rows.map((r) => r.domain);
}

async function requireActiveUser(db: Db, orgId: string, userId: string): Promise<void> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), sql`${users.removedAt} is null`));
  if (!user) throw new DomainError('BAD_REQUEST', 'the owner is not a member of this org');
}

/** Newest first; the cursor is the last item's (occurred_at, id). */
export async function customerTimeline(
  { db, principal }: OrgDeps,
  input: z.infer<typeof timelineInput>,
): Promise<z.infer<typeof timelineOutput>> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const afterAt = after ? new Date(after[0]) : undefined;
  if (afterAt && Number.isNaN(afterAt.getTime())) throw new DomainError('BAD_REQUEST', 'invalid cursor');
  const rows = await db
    .select()
    .from(activities)
    .where(
      and(
        eq(activities.orgId, principal.orgId),
        eq(activities.customerId, input.customerId),
        afterAt && after
          ? sql`(${activities.occurredAt}, ${activities.id}) < (${afterAt.toISOString()}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(toActivityOutput);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.occurredAt, last.id]) : null,
  };
}
