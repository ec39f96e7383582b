import { eq, sql } from 'drizzle-orm';
import type { HealthBand, HealthForThreadsInput, HealthForThreadsOutput } from '../../shared/api/health.ts';
import { type ContactHit, matchParticipantsToCustomer } from '../customers/match.ts';
import { readParticipants } from '../customers/participants.ts';
import type { Db } from '../db/client.ts';
import { orgs } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { arrayParam } from '../imports/sql-arrays.ts';

type Hit = {
  kind: 'contact' | 'domain';
  key: string;
  customer_id: string;
  contact_id: string | null;
  role: ContactHit['role'] | null;
  customer_name: string;
  score: number | null;
  band: HealthBand | null;
};

/** Every address and domain of the page in one statement, each hit with its customer's current score. */
function findHits(tx: Db, orgId: string, emails: string[], domains: string[]) {
  return tx.execute<Hit>(sql`
    with hits as (
      select 'contact' as kind, c.email as key, c.customer_id, c.id as contact_id, c.role
      from contacts c where c.org_id = ${orgId} and c.email = any(${arrayParam(emails, 'text')})
      union all
      select 'domain', d.domain, d.customer_id, null, null
      from customer_domains d where d.org_id = ${orgId} and d.domain = any(${arrayParam(domains, 'text')})
    )
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
  const emails = [...new Set(rows.flatMap((r) => r.participants.map((p) => p.email)))];
  const domains = [...new Set(rows.flatMap((r) => r.participants.flatMap((p) => p.domainCandidates)))];
  const hits = emails.length ? await findHits(db, orgId, emails, domains) : [];
  const contacts: ContactHit[] = [];
  const domainHits: { domain: string; customerId: string }[] = [];
  const customersById = new Map<string, Hit>();
  for (const hit of hits) {
    customersById.set(hit.customer_id, hit);
    if (hit.kind === 'contact' && hit.contact_id && hit.role)
      contacts.push({
        id: hit.contact_id,
        customerId: hit.customer_id,
        email: hit.key,
        name: '',
        title: '',
        role: hit.role,
      });
    else domainHits.push({ domain: hit.key, customerId: hit.customer_id });
  }
  return {
    rows: rows.map(({ key, participants }) => {
      const [best] = matchParticipantsToCustomer(participants, { contacts, domains: domainHits }).matches;
      const customer = best ? customersById.get(best.customerId) : undefined;
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
