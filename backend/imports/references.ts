import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customers } from '../db/schema.ts';
import { keyOf } from './upsert.ts';

/**
 * Customer ids for rows that name their customer by external id (of the same source), by
 * `source\u0000external_id`. One indexed lookup per source: a join against the file's rows would
 * let the planner scan every customer of the org.
 */
export async function findCustomerIds(
  tx: Db,
  orgId: string,
  refs: { source: string; customerExternalId: string }[],
): Promise<Map<string, string>> {
  const bySource = new Map<string, Set<string>>();
  for (const ref of refs) {
    const ids = bySource.get(ref.source) ?? new Set<string>();
    ids.add(ref.customerExternalId);
    bySource.set(ref.source, ids);
  }
  const found = new Map<string, string>();
  for (const [source, externalIds] of bySource) {
    const rows = await tx
      .select({ id: customers.id, externalId: customers.externalId })
      .from(customers)
      .where(
        and(
          eq(customers.orgId, orgId),
          eq(customers.source, source),
          inArray(customers.externalId, [...externalIds]),
        ),
      );
    for (const row of rows) if (row.externalId) found.set(keyOf(source, row.externalId), row.id);
  }
  return found;
}

export function missingCustomer(source: string, externalId: string): string {
  return `customer_external_id: no customer with external id "${externalId}" from source "${source}"`;
}
