import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customerDomains, customers } from '../db/schema.ts';
import { arrayParam } from '../imports/sql-arrays.ts';

/** How an event names its customer: exactly one of these. */
export interface CustomerRef {
  customerId?: string | undefined;
  externalId?: string | undefined;
  source?: string | undefined;
  domain?: string | undefined;
}

export type RefOutcome = { customerId: string } | { reason: string };

/**
 * The customer of each reference, or why there is none: three set-based lookups at most (ids,
 * external ids, domains), each scoped to the org as well as by row-level security, so another
 * org's customer id is "not found" like an id that does not exist.
 */
export async function resolveCustomerRefs(tx: Db, orgId: string, refs: CustomerRef[]): Promise<RefOutcome[]> {
  const ids = unique(refs.map((r) => r.customerId));
  const externalIds = unique(refs.map((r) => r.externalId));
  const domains = unique(refs.map((r) => r.domain));
  const [known, external, byDomain] = await Promise.all([
    ids.length > 0
      ? tx.execute<{ id: string }>(
          sql`select id from ${customers} where org_id = ${orgId}::uuid and id = any(${arrayParam(ids, 'uuid')})`,
        )
      : [],
    externalIds.length > 0
      ? tx.execute<{ id: string; source: string; external_id: string }>(
          sql`select id, source, external_id from ${customers}
              where org_id = ${orgId}::uuid and external_id = any(${arrayParam(externalIds, 'text')})`,
        )
      : [],
    domains.length > 0
      ? tx.execute<{ customer_id: string; domain: string }>(
          sql`select customer_id, domain from ${customerDomains}
              where org_id = ${orgId}::uuid and domain = any(${arrayParam(domains, 'text')})`,
        )
      : [],
  ]);
  const knownIds = new Set(known.map((r) => r.id));
  const domainOwner = new Map(byDomain.map((r) => [r.domain, r.customer_id]));
  const byExternalId = new Map<string, { id: string; source: string }[]>();
  for (const row of external)
    byExternalId.set(row.external_id, [...(byExternalId.get(row.external_id) ?? []), row]);

  return refs.map((ref): RefOutcome => {
    if (ref.customerId !== undefined)
      return knownIds.has(ref.customerId)
        ? { customerId: ref.customerId }
        : { reason: `customer not found: customerId '${ref.customerId}'` };
    if (ref.domain !== undefined) {
      const owner = domainOwner.get(ref.domain);
      return owner ? { customerId: owner } : { reason: `customer not found: domain '${ref.domain}'` };
    }
    return matchExternalId(ref, byExternalId.get(ref.externalId ?? '') ?? []);
  });
}

function matchExternalId(ref: CustomerRef, candidates: { id: string; source: string }[]): RefOutcome {
  const matches = ref.source === undefined ? candidates : candidates.filter((c) => c.source === ref.source);
  const named = `externalId '${ref.externalId}'${ref.source === undefined ? '' : ` from source '${ref.source}'`}`;
  if (matches.length === 0) return { reason: `customer not found: ${named}` };
  if (matches.length > 1)
    return {
      reason: `customer ${named} is ambiguous: it exists in sources ${matches
        .map((m) => `'${m.source}'`)
        .sort()
        .join(', ')} (give the event's source)`,
    };
  return { customerId: matches[0]!.id };
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
