import { sql } from 'drizzle-orm';
import type { Database, Db } from '../backend/db/client.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import { arrayParam } from '../backend/imports/sql-arrays.ts';
import { findOrCreateOrg, type OrgRef } from '../backend/org/lookup.ts';

/** The moment the health books' signals lead up to, and that every recompute scores as of. */
export const healthBenchAsOf = new Date('2026-11-30T12:00:00Z');

export interface HealthBook {
  org: OrgRef;
  customers: number;
  signals: number;
}

/**
 * An org of `customers` customers with 13 weeks of usage (active users, logins, feature adoption),
 * seats, an NPS answer for a third of them and a ticket or two for a fifth (some urgent and open),
 * and a domain each (the inbox lookup's rows). Seeded once, by SQL, and kept with the bench database.
 */
export async function openHealthBook(
  database: Database,
  customers: number,
  log: (line: string) => void,
): Promise<HealthBook> {
  const org = await findOrCreateOrg(database.db, `CSCX health bench ${customers}`);
  const count = (table: string) =>
    inOrg(database.db, org.id, async (tx) => {
      const [row] = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${org.id}`,
      );
      return row?.n ?? 0;
    });
  if ((await count('customers')) !== customers) await seedCustomers(database, org, customers);
  // Signals go in by chunks, each its own transaction: a seeding stopped half-way goes on where it was.
  const started = performance.now();
  let seeded = false;
  for (;;) {
    const added = await inOrg(database.db, org.id, (tx) =>
      seedSignals(tx, org, healthBenchAsOf.toISOString()),
    );
    if (added === 0) break;
    seeded = true;
    log(
      `health book of ${customers.toLocaleString('en')}: signals for ${added} more customers (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  if (seeded) await database.sql.unsafe('analyze health_signals, activities');
  return { org, customers, signals: await count('health_signals') };
}

/** Customers a transaction seeds signals for. */
const seedChunk = 5_000;

async function seedCustomers(database: Database, org: OrgRef, customers: number): Promise<void> {
  const asOf = healthBenchAsOf.toISOString();
  const tag = `hb${customers}`;
  await inOrg(database.db, org.id, async (tx) => {
    await tx.execute(sql`delete from customers where org_id = ${org.id}`);
    await tx.execute(sql`
      insert into customers (org_id, name, renewal_date, arr_minor)
      select ${org.id}, 'Health bench ' || i, (${asOf}::date + (i % 400) - 20), 1000000 + i
      from generate_series(1, ${customers}) i`);
    await tx.execute(sql`
      insert into customer_domains (org_id, domain, customer_id)
      select ${org.id}, 'c' || substr(name, 14) || '.' || ${tag} || '.example', id from customers where org_id = ${org.id}`);
  });
  await database.sql.unsafe('analyze customers, customer_domains');
}

/**
 * One chunk of customers (by id order) and their signals, inserted in index order: every index of
 * the signals table then grows at its end instead of splitting pages all over.
 */
async function seedSignals(tx: Db, org: OrgRef, asOf: string): Promise<number> {
  const [next] = await tx.execute<{ ids: string[] | null }>(sql`
    select array_agg(id order by id) as ids from (
      select c.id from customers c where c.org_id = ${org.id} and not exists (
        select 1 from health_signals s where s.org_id = ${org.id} and s.customer_id = c.id and s.kind = 'usage.seats')
      order by c.id limit ${seedChunk}) n`);
  const ids = next?.ids ?? [];
  if (ids.length === 0) return 0;
  const chunk = sql`(select unnest(${arrayParam(ids, 'uuid')}) as id)`;
  // Per customer: a size of 5–260 users and a trend of −2 … +2 % a week, from hashes of its id.
  await tx.execute(sql`
    with c as (
      select id, 5 + (abs(hashtext(id::text)) % 256) as size,
        ((abs(hashtext(id::text || 't')) % 401) - 200) / 10000.0 as trend
      from ${chunk} ids
    ),
    rows as (
      select c.id, k.kind, w, c.size, c.trend from c cross join generate_series(0, 12) w
      cross join (values ('usage.active_users'), ('usage.logins'), ('usage.feature_adoption')) k(kind)
      union all
      select id, 'usage.seats', null, size, trend from c
      union all
      select id, 'survey.nps', null, size, trend from c where abs(hashtext(id::text)) % 3 = 0
    )
    insert into health_signals (org_id, customer_id, kind, period, observed_at, value, event_id, source)
    select ${org.id}::uuid, id, kind::signal_kind,
      (case when w is null then 'instant' else 'week' end)::signal_period,
      case when w is not null then ${asOf}::timestamptz - ((w * 7 + 1) * interval '1 day')
        when kind = 'usage.seats' then ${asOf}::timestamptz - interval '40 days'
        else ${asOf}::timestamptz - ((abs(hashtext(id::text || 'n')) % 80) * interval '1 day') end,
      case kind
        when 'usage.active_users' then round(size * (1 - trend * w))
        when 'usage.logins' then round(size * 9 * (1 - trend * w))
        when 'usage.feature_adoption' then least(1, 0.25 + (abs(hashtext(id::text || 'a')) % 60) / 100.0 - trend * w)
        when 'usage.seats' then 10 + size * 1.2
        else abs(hashtext(id::text || 'v')) % 11
      end::float8,
      id || ':' || kind || ':' || coalesce(w, 0), 'bench'
    from rows order by id, kind, w`);
  await tx.execute(sql`
    insert into activities (org_id, customer_id, kind, occurred_at, subject, ticket_status, ticket_priority)
    select ${org.id}, id, 'ticket', ${asOf}::timestamptz - ((abs(hashtext(id::text || 'k' || n)) % 60) * interval '1 day'),
      'Ticket ' || n,
      (case when abs(hashtext(id::text || 's' || n)) % 3 = 0 then 'open' else 'solved' end)::ticket_status,
      (case when abs(hashtext(id::text || 'p' || n)) % 4 = 0 then 'urgent' else 'normal' end)::ticket_priority
    from ${chunk} ids cross join generate_series(1, 2) n
    where abs(hashtext(id::text)) % 5 = 0
    order by id, n`);
  return ids.length;
}
