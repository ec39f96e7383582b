import type { contacts } from '../db/schema.ts';
import type { Participant } from './participants.ts';

export interface ContactHit {
  id: string;
  customerId: string;
  email: string;
  name: string;
  title: string;
  role: (typeof contacts.$inferSelect)['role'];
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
 * What the database found for a thread's addresses (see candidates.ts).
 */
export interface CustomerHits {
  /** Stored contacts whose address is one of the participants'. */
  contacts: ContactHit[];
  /** Customer domains among the participants' domains and their parents. */
  domains: { domain: string; customerId: string }[];
}

/**
 * Which customers a thread's participants belong to. A stored contact's exact address always wins
 * (even at a free-mail domain); other addresses fall back to the deepest matching customer domain.
 * Ranked by matched contacts, then domain specificity; the caller breaks ties on recent activity.
 */
export function matchParticipantsToCustomer(participants: Participant[], hits: CustomerHits): MatchResult {
  const contactRows = hits.contacts;
  const domainRows = hits.domains;
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
