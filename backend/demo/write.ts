import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activities, contacts, contracts, customerDomains, customers, tasks } from '../db/schema.ts';
import { arrayParam, columnNames, type RowColumn, unnestRows } from '../imports/sql-arrays.ts';
import { healthSignals } from '../signals/schema.ts';
import { type DemoAccount, type DemoContract, type DemoCustomer, demoSource } from './book.ts';
import type { DemoContact } from './people.ts';
import type { DemoSignal } from './signals.ts';
import type { DemoActivity } from './timeline.ts';
import type { DemoTask } from './work.ts';

export interface SeedCounts {
  customers: number;
  domains: number;
  contacts: number;
  contracts: number;
  activities: number;
  tasks: number;
  signals: number;
}

export function noCounts(): SeedCounts {
  return { customers: 0, domains: 0, contacts: 0, contracts: 0, activities: 0, tasks: 0, signals: 0 };
}

/** Rows per statement: a few thousand keeps each statement short on the single-session embedded database. */
const rowsPerStatement = 4000;

type Linked<T> = T & { customerId: string };

type WithId<T> = T & { id: string };

const customerColumns: RowColumn<WithId<DemoCustomer> & { ownerId: string | undefined }>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'external_id', type: 'text', value: (r) => r.externalId },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'owner_id', type: 'uuid', value: (r) => r.ownerId },
  { name: 'segment', type: 'customer_segment', value: (r) => r.segment },
  { name: 'stage', type: 'lifecycle_stage', value: (r) => r.stage },
  { name: 'arr_minor', type: 'bigint', value: (r) => r.arrMinor },
  { name: 'currency', type: 'text', value: (r) => r.currency },
  { name: 'renewal_date', type: 'date', value: (r) => r.renewalDate },
];

const domainColumns: RowColumn<Linked<{ domain: string }>>[] = [
  { name: 'domain', type: 'text', value: (r) => r.domain },
  { name: 'customer_id', type: 'uuid', value: (r) => r.customerId },
];

const contactColumns: RowColumn<WithId<Linked<DemoContact>>>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'external_id', type: 'text', value: (r) => r.externalId },
  { name: 'customer_id', type: 'uuid', value: (r) => r.customerId },
  { name: 'email', type: 'text', value: (r) => r.email },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'title', type: 'text', value: (r) => r.title },
  { name: 'role', type: 'contact_role', value: (r) => r.role },
];

const contractColumns: RowColumn<Linked<DemoContract>>[] = [
  { name: 'external_id', type: 'text', value: (r) => r.externalId },
  { name: 'customer_id', type: 'uuid', value: (r) => r.customerId },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'status', type: 'contract_status', value: (r) => r.status },
  { name: 'start_date', type: 'date', value: (r) => r.startDate },
  { name: 'end_date', type: 'date', value: (r) => r.endDate },
  { name: 'arr_minor', type: 'bigint', value: (r) => r.arrMinor },
  { name: 'currency', type: 'text', value: (r) => r.currency },
];

const taskColumns: RowColumn<Linked<DemoTask> & { assigneeId: string | undefined }>[] = [
  { name: 'external_id', type: 'text', value: (r) => r.externalId },
  { name: 'customer_id', type: 'uuid', value: (r) => r.customerId },
  { name: 'title', type: 'text', value: (r) => r.title },
  { name: 'status', type: 'task_status', value: (r) => r.status },
  { name: 'due_date', type: 'date', value: (r) => r.dueDate },
  { name: 'assignee_id', type: 'uuid', value: (r) => r.assigneeId },
];

const activityColumns: RowColumn<Linked<DemoActivity> & { contactId: string | null }>[] = [
  { name: 'external_id', type: 'text', value: (r) => r.externalId },
  { name: 'customer_id', type: 'uuid', value: (r) => r.customerId },
  { name: 'contact_id', type: 'uuid', value: (r) => r.contactId },
  { name: 'kind', type: 'activity_kind', value: (r) => r.kind },
  { name: 'occurred_at', type: 'timestamptz', value: (r) => r.occurredAt },
  { name: 'subject', type: 'text', value: (r) => r.subject },
  { name: 'summary', type: 'text', value: (r) => r.summary },
  { name: 'ticket_status', type: 'ticket_status', value: (r) => r.ticketStatus },
  { name: 'ticket_priority', type: 'ticket_priority', value: (r) => r.ticketPriority },
  { name: 'nps_score', type: 'smallint', value: (r) => r.npsScore },
];

const signalColumns: RowColumn<Linked<DemoSignal>>[] = [
  { name: 'event_id', type: 'text', value: (r) => r.eventId },
  { name: 'customer_id', type: 'uuid', value: (r) => r.customerId },
  { name: 'kind', type: 'signal_kind', value: (r) => r.kind },
  { name: 'period', type: 'signal_period', value: (r) => r.period },
  { name: 'observed_at', type: 'timestamptz', value: (r) => r.observedAt },
  { name: 'value', type: 'float8', value: (r) => r.value },
  { name: 'detail', type: 'jsonb', value: (r) => JSON.stringify(r.detail) },
];

/**
 * Writes a chunk of accounts, inside the caller's org transaction. Every insert is `on conflict do
 * nothing` on the deterministic external ids (or the domain key), so a re-run finds every row there
 * and changes none; the counts are of rows actually added.
 */
export async function writeAccounts(
  tx: Db,
  orgId: string,
  accounts: readonly DemoAccount[],
  teamIds: readonly string[],
): Promise<SeedCounts> {
  const org = sql`${orgId}::uuid`;
  const idOf = (table: string, externalId: string) => demoRowId(orgId, table, externalId);
  const customerRows = accounts.map((a) => ({
    ...a.customer,
    id: idOf('customers', a.customer.externalId),
    ownerId: teamIds[a.customer.ownerIndex],
  }));
  const customersPresent = await insertKeepingIds(tx, customers, customerRows, customerColumns, org);
  // Accounts whose customer row is not ours (another writer used the same source and external id) are left alone.
  const ours = accounts.filter((a) => customersPresent.ids.has(idOf('customers', a.customer.externalId)));
  const link = <T>(account: DemoAccount, row: T): Linked<T> => ({
    ...row,
    customerId: idOf('customers', account.customer.externalId),
  });
  const contactRows = ours.flatMap((a) =>
    a.contacts.map((c) => ({ ...link(a, c), id: idOf('contacts', c.externalId) })),
  );
  const contactsPresent = await insertKeepingIds(tx, contacts, contactRows, contactColumns, org);
  const contactIdOf = (externalId: string | null) => {
    const id = externalId ? idOf('contacts', externalId) : null;
    return id && contactsPresent.ids.has(id) ? id : null;
  };

  const domainRows = ours.flatMap((a) => a.domains.map((domain) => link(a, { domain })));
  const contractRows = ours.flatMap((a) => a.contracts.map((c) => link(a, c)));
  const taskRows = ours.flatMap((a) =>
    a.tasks.map((t) => link(a, { ...t, assigneeId: teamIds[t.assigneeIndex] })),
  );
  const activityRows = ours.flatMap((a) =>
    a.activities.map((x) => link(a, { ...x, contactId: contactIdOf(x.contactExternalId) })),
  );
  const counts: SeedCounts = {
    customers: customersPresent.inserted,
    contacts: contactsPresent.inserted,
    // Domains are keyed by (org, domain) and carry no source: they are inserted without one.
    domains: await countInserted(
      tx,
      sql`insert into ${customerDomains} (org_id, ${columnNames(domainColumns)})
          select ${org}, v.* from ${unnestRows(domainRows, domainColumns)} as v
          on conflict do nothing returning 1`,
    ),
    contracts: await insertMissing(tx, org, contracts, contractRows, contractColumns),
    tasks: await insertMissing(tx, org, tasks, taskRows, taskColumns),
    activities: 0,
    signals: 0,
  };
  for (let start = 0; start < activityRows.length; start += rowsPerStatement)
    counts.activities += await insertMissing(
      tx,
      org,
      activities,
      activityRows.slice(start, start + rowsPerStatement),
      activityColumns,
    );
  const signalRows = ours.flatMap((a) => a.signals.map((x) => link(a, x)));
  for (let start = 0; start < signalRows.length; start += rowsPerStatement)
    counts.signals += await insertMissing(
      tx,
      org,
      healthSignals,
      signalRows.slice(start, start + rowsPerStatement),
      signalColumns,
    );
  return counts;
}

async function insertMissing<T>(
  tx: Db,
  org: SQL,
  table: typeof contracts | typeof tasks | typeof activities | typeof healthSignals,
  rows: readonly T[],
  columns: readonly RowColumn<T>[],
): Promise<number> {
  return countInserted(
    tx,
    sql`insert into ${table} (org_id, source, ${columnNames(columns)})
        select ${org}, ${demoSource}, v.* from ${unnestRows(rows, columns)} as v
        on conflict do nothing returning 1`,
  );
}

/**
 * Inserts what is missing, under ids derived from the org and the external id, and tells which of
 * the chunk's ids are there afterwards. Knowing the ids up front spares a lookup by external key per
 * chunk, which the planner runs as a scan of the whole org while the statistics still describe the
 * tables as they were before the load.
 */
async function insertKeepingIds<T extends { id: string }>(
  tx: Db,
  table: typeof customers | typeof contacts,
  rows: readonly T[],
  columns: readonly RowColumn<T>[],
  org: SQL,
): Promise<{ ids: Set<string>; inserted: number }> {
  const added = await tx.execute<{ id: string }>(
    sql`insert into ${table} (org_id, source, ${columnNames(columns)})
        select ${org}, ${demoSource}, v.* from ${unnestRows(rows, columns)} as v
        on conflict do nothing returning id`,
  );
  const ids = new Set(added.map((r) => r.id));
  // The rest are there from an earlier run, or lost a conflict on another key (an address already
  // used by a contact of another source): only the primary key can tell.
  const others = rows.filter((r) => !ids.has(r.id)).map((r) => r.id);
  if (others.length > 0) {
    const existing = await tx.execute<{ id: string }>(
      sql`select id from ${table} where id = any(${arrayParam(others, 'uuid')})`,
    );
    for (const r of existing) ids.add(r.id);
  }
  return { ids, inserted: added.length };
}

/** A stable id per org and row (UUIDv8 from a SHA-256), so a re-run names the same rows. */
export function demoRowId(orgId: string, table: string, externalId: string): string {
  const hash = createHash('sha256').update(`${orgId}/${table}/${externalId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function countInserted(tx: Db, insert: SQL): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(
    sql`with added as (${insert}) select count(*)::int as n from added`,
  );
  return row?.n ?? 0;
}
