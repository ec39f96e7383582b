import { sql } from 'drizzle-orm';
import type { ContactHit } from '../customers/match.ts';
import { matchParticipantsToCustomer } from '../customers/match.ts';
import { readParticipants } from '../customers/participants.ts';
import type { Db } from '../db/client.ts';
import { arrayParam } from '../imports/sql-arrays.ts';

type Hit = {
  kind: 'contact' | 'domain';
  key: string;
  customer_id: string;
  contact_id: string | null;
  role: ContactHit['role'] | null;
};

/**
 * The customer each event is with, matched as the sidebar matches a Calendar event's guests (a known
 * contact's address first, else the deepest customer domain; the org's own and free-mail domains never
 * count), for a whole page of events in one statement. An event with no customer guest is absent:
 * internal meetings are not recorded.
 */
export async function customersOfEvents(
  tx: Db,
  orgId: string,
  orgDomains: readonly string[],
  events: readonly { key: string; addresses: string[] }[],
): Promise<Map<string, string>> {
  const byEvent = events.map((e) => ({
    key: e.key,
    participants: readParticipants(e.addresses, orgDomains),
  }));
  const emails = [...new Set(byEvent.flatMap((e) => e.participants.map((p) => p.email)))];
  const domains = [...new Set(byEvent.flatMap((e) => e.participants.flatMap((p) => p.domainCandidates)))];
  if (emails.length === 0) return new Map();
  const hits = await tx.execute<Hit>(sql`
    select 'contact' as kind, c.email as key, c.customer_id, c.id as contact_id, c.role
    from contacts c where c.org_id = ${orgId} and c.email = any(${arrayParam(emails, 'text')})
    union all
    select 'domain', d.domain, d.customer_id, null, null
    from customer_domains d where d.org_id = ${orgId} and d.domain = any(${arrayParam(domains, 'text')})`);
  const contacts: ContactHit[] = hits.flatMap((h) =>
    h.kind === 'contact' && h.contact_id && h.role
      ? [{ id: h.contact_id, customerId: h.customer_id, email: h.key, name: '', title: '', role: h.role }]
      : [],
  );
  const domainHits = hits
    .filter((h) => h.kind === 'domain')
    .map((h) => ({ domain: h.key, customerId: h.customer_id }));
  const found = new Map<string, string>();
  for (const { key, participants } of byEvent) {
    const [best] = matchParticipantsToCustomer(participants, { contacts, domains: domainHits }).matches;
    if (best) found.set(key, best.customerId);
  }
  return found;
}
