import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { contacts, customerDomains } from '../db/schema.ts';
import type { Participant } from './participants.ts';

export interface ContactHit {
  id: string;
  customerId: string;
  email: string;
  name: string;
  title: string;
  role: (typeof contacts.$inferSelect)['role'];
}

interface MatchRow extends Record<string, unknown> {
  via: 'contact' | 'domain';
  key: string;
  customer_id: string;
  id: string | null;
  name: string | null;
  title: string | null;
  role: string | null;
}

export interface CustomerMatch {
  customerId: string;
  contactHits: ContactHit[];
  domainMatches: { email: string; domain: string }[];
  /** Labels in the deepest matching domain: `eu.acme.com` (3) is more specific than `acme.com` (2). */
  domainSpecificity: number;
}

export interface MatchResult {
  matches: CustomerMatch[];
  unmatchedEmails: string[];
}

/**
 * Which customers a thread's participants belong to. A stored contact's exact address always wins
 * (even at a free-mail domain); other addresses fall back to the longest matching customer domain.
 * Ranked by matched contacts, then domain specificity; the caller breaks ties on recent activity.
 */
export async function matchParticipantsToCustomer(
  db: Db,
  orgId: string,
  participants: Participant[],
): Promise<MatchResult> {
  if (participants.length === 0) return { matches: [], unmatchedEmails: [] };
  const emails = participants.map((p) => p.email);
  const domains = [...new Set(participants.flatMap((p) => p.domainCandidates))];
  // Contacts and domains in one statement: each round trip to the database costs more than either lookup.
  const rows = await db.execute<MatchRow>(sql`
    select 'contact' as via, c.email as key, c.customer_id, c.id, c.name, c.title, c.role::text
    from ${contacts} c where c.org_id = ${orgId} and c.email = any(${sql.param(emails)}::text[])
    union all
    select 'domain', d.domain, d.customer_id, null, null, null, null
    from ${customerDomains} d where d.org_id = ${orgId} and d.domain = any(${sql.param(domains)}::text[])`);
  const contactRows: ContactHit[] = [];
  const domainRows: { domain: string; customerId: string }[] = [];
  for (const row of rows) {
    if (row.via === 'domain') domainRows.push({ domain: row.key, customerId: row.customer_id });
    else if (row.id) {
      contactRows.push({
        id: row.id,
        customerId: row.customer_id,
        email: row.key,
        name: row.name ?? '',
        title: row.title ?? '',
        role: row.role as ContactHit['role'],
      });
    }
  }
  const contactByEmail = new Map(contactRows.map((c) => [c.email, c]));
  const customerByDomain = new Map(domainRows.map((d) => [d.domain, d.customerId]));
  const byCustomer = new Map<string, CustomerMatch>();
  const matchFor = (customerId: string) => {
    let match = byCustomer.get(customerId);
    if (!match) {
      match = { customerId, contactHits: [], domainMatches: [], domainSpecificity: 0 };
      byCustomer.set(customerId, match);
    }
    return match;
  };
  const unmatchedEmails: string[] = [];
  for (const participant of participants) {
    const contact = contactByEmail.get(participant.email);
    if (contact) {
      matchFor(contact.customerId).contactHits.push(contact);
      continue;
    }
    const domain = participant.domainCandidates.find((d) => customerByDomain.has(d));
    const customerId = domain ? customerByDomain.get(domain) : undefined;
    if (!domain || !customerId) {
      unmatchedEmails.push(participant.email);
      continue;
    }
    const match = matchFor(customerId);
    match.domainMatches.push({ email: participant.email, domain });
    match.domainSpecificity = Math.max(match.domainSpecificity, domain.split('.').length);
  }
  const matches = [...byCustomer.values()].sort(
    (a, b) => b.contactHits.length - a.contactHits.length || b.domainSpecificity - a.domainSpecificity,
  );
  return { matches, unmatchedEmails };
}

export function describeMatch(match: CustomerMatch): string {
  const parts: string[] = [];
  const n = match.contactHits.length;
  if (n > 0)
    parts.push(
      `${n} known contact${n === 1 ? '' : 's'} (${match.contactHits.map((c) => c.email).join(', ')})`,
    );
  const domains = [...new Set(match.domainMatches.map((d) => d.domain))];
  if (domains.length > 0) parts.push(`email domain ${domains.join(', ')}`);
  return `Matched by ${parts.join(' and ')}`;
}
