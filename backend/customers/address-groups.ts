import { type SQL, sql } from 'drizzle-orm';
import { arrayParam } from '../imports/sql-arrays.ts';
import { type ContactHit, matchParticipantsToCustomer } from './match.ts';
import type { Participant } from './participants.ts';

/** A stored contact with one of the addresses, or a customer owning one of the domains. */
export type AddressHit = {
  kind: 'contact' | 'domain';
  key: string;
  customer_id: string;
  contact_id: string | null;
  role: ContactHit['role'] | null;
};

/** Every address and domain of several groups (inbox rows, calendar events), for one statement. */
export function addressesOfGroups(groups: readonly { participants: Participant[] }[]) {
  return {
    emails: [...new Set(groups.flatMap((g) => g.participants.map((p) => p.email)))],
    domains: [...new Set(groups.flatMap((g) => g.participants.flatMap((p) => p.domainCandidates)))],
  };
}

/** The contacts and customer domains among the addresses: a statement to select from (`AddressHit` rows). */
export function addressHitsQuery(orgId: string, emails: string[], domains: string[]): SQL {
  return sql`
    select 'contact' as kind, c.email as key, c.customer_id, c.id as contact_id, c.role
    from contacts c where c.org_id = ${orgId} and c.email = any(${arrayParam(emails, 'text')})
    union all
    select 'domain', d.domain, d.customer_id, null, null
    from customer_domains d where d.org_id = ${orgId} and d.domain = any(${arrayParam(domains, 'text')})`;
}

/**
 * Each group's customer, matched as the sidebar matches a thread or an event (a known contact's
 * address first, else the deepest customer domain), in the groups' order; undefined where none matches.
 */
export function customerOfEachGroup(
  groups: readonly { participants: Participant[] }[],
  hits: readonly AddressHit[],
): (string | undefined)[] {
  const contacts: ContactHit[] = hits.flatMap((h) =>
    h.kind === 'contact' && h.contact_id && h.role
      ? [{ id: h.contact_id, customerId: h.customer_id, email: h.key, name: '', title: '', role: h.role }]
      : [],
  );
  const domains = hits
    .filter((h) => h.kind === 'domain')
    .map((h) => ({ domain: h.key, customerId: h.customer_id }));
  return groups.map(
    ({ participants }) =>
      matchParticipantsToCustomer(participants, { contacts, domains }).matches[0]?.customerId,
  );
}
