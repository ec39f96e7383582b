import { eq, sql } from 'drizzle-orm';
import type { HealthBand, HealthForThreadsInput, HealthForThreadsOutput } from '../../shared/api/health.ts';
import {
  type AddressHit,
  addressesOfGroups,
  addressHitsQuery,
  customerOfEachGroup,
} from '../customers/address-groups.ts';
import { readParticipants } from '../customers/participants.ts';
import type { Db } from '../db/client.ts';
import { orgs } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';

type Hit = AddressHit & { customer_name: string; score: number | null; band: HealthBand | null };

/** Every address and domain of the page in one statement, each hit with its customer's current score. */
function findHits(tx: Db, orgId: string, emails: string[], domains: string[]) {
  return tx.execute<Hit>(sql`
    with hits as (${addressHitsQuery(orgId, emails, domains)})
    select h.kind, h.key, h.customer_id, h.contact_id, h.role, cu.name as customer_name, s.score, s.band
    from hits h
    join customers cu on cu.org_id = ${orgId} and cu.id = h.customer_id
    left join health_scores s on s.org_id = ${orgId} and s.customer_id = h.customer_id`);
}

/**
 * A page of Gmail's inbox rows: each row's addresses matched to a customer as the sidebar matches a
 * thread (a known contact first, else the deepest customer domain), with that customer's score.
 */
export async function threadsHealth(
  deps: OrgDeps,
  input: HealthForThreadsInput,
): Promise<HealthForThreadsOutput> {
  const { db, principal } = deps;
  const orgId = principal.orgId;
  const [org] = await db.select({ domains: orgs.domains }).from(orgs).where(eq(orgs.id, orgId));
  const rows = input.rows.map((row) => ({
    key: row.key,
    participants: readParticipants(row.addresses, org?.domains ?? []),
  }));
  const { emails, domains } = addressesOfGroups(rows);
  const hits = emails.length ? await findHits(db, orgId, emails, domains) : [];
  const customersById = new Map(hits.map((hit) => [hit.customer_id, hit]));
  const customerOf = customerOfEachGroup(rows, hits);
  return {
    rows: rows.map(({ key }, i) => {
      const customerId = customerOf[i];
      const customer = customerId ? customersById.get(customerId) : undefined;
      if (!customer || customer.score === null || customer.band === null) return { key, health: null };
      return {
        key,
        health: {
          customerId: customer.customer_id,
          customerName: customer.customer_name,
          score: customer.score,
          band: customer.band,
        },
      };
    }),
  };
}
