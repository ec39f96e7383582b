import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customerDomains, customers } from '../db/schema.ts';
import type { WriteContext } from './importer.ts';
import { arrayParam } from './sql-arrays.ts';
import { keyOf, type UpsertOutcome } from './upsert.ts';

interface RowWithDomains {
  source: string;
  externalId: string;
  domains: string[];
}

/**
 * Makes each customer's domains exactly the file's list. A customer whose only change is its domains
 * still counts as changed: its `updated_at` moves and it gets an audit entry like any other.
 */
export async function syncCustomerDomains(
  tx: Db,
  context: WriteContext,
  rows: RowWithDomains[],
  outcome: UpsertOutcome,
): Promise<void> {
  const org = sql`${context.orgId}::uuid`;
  const wanted = new Map<string, string[]>();
  for (const row of rows) {
    const id = outcome.idByKey.get(keyOf(row.source, row.externalId));
    if (id) wanted.set(id, [...row.domains].sort());
  }
  const ids = [...wanted.keys()];
  const current = await tx.execute<{ customer_id: string; domain: string }>(
    sql`select customer_id, domain from ${customerDomains}
        where org_id = ${org} and customer_id = any(${arrayParam(ids, 'uuid')})`,
  );
  const had = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const r of current) had.get(r.customer_id)?.push(r.domain);

  const removed: { id: string; domain: string }[] = [];
  const added: { id: string; domain: string }[] = [];
  const changed: { id: string; from: string[]; to: string[] }[] = [];
  for (const [id, to] of wanted) {
    const from = (had.get(id) ?? []).sort();
    const gone = from.filter((d) => !to.includes(d));
    const fresh = to.filter((d) => !from.includes(d));
    for (const domain of gone) removed.push({ id, domain });
    for (const domain of fresh) added.push({ id, domain });
    if (gone.length > 0 || fresh.length > 0) changed.push({ id, from, to });
  }
  if (removed.length > 0)
    await tx.execute(
      sql`delete from ${customerDomains} where org_id = ${org} and (customer_id, domain) in (
            select * from unnest(${arrayParam(
              removed.map((r) => r.id),
              'uuid',
            )}, ${arrayParam(
              removed.map((r) => r.domain),
              'text',
            )}))`,
    );
  if (added.length > 0)
    await tx.execute(
      sql`insert into ${customerDomains} (org_id, customer_id, domain)
          select ${org}, v.* from unnest(${arrayParam(
            added.map((r) => r.id),
            'uuid',
          )}, ${arrayParam(
            added.map((r) => r.domain),
            'text',
          )}) as v`,
    );

  const untouched = changed.filter((c) => !outcome.audit.has(c.id)).map((c) => c.id);
  if (untouched.length > 0)
    await tx.execute(
      sql`update ${customers} set updated_at = ${context.now.toISOString()}::timestamptz
          where org_id = ${org} and id = any(${arrayParam(untouched, 'uuid')})`,
    );
  for (const { id, from, to } of changed) {
    const entry = outcome.audit.get(id) ?? {
      orgId: context.orgId,
      actorUserId: null,
      action: 'import.customer',
      tableName: 'customers',
      rowId: id,
      changes: { op: 'update' },
    };
    const domains = outcome.createdIds.has(id) ? to : { from, to };
    outcome.audit.set(id, { ...entry, changes: { ...entry.changes, domains } });
  }
}
