import { isFreeMailDomain } from './free-mail.ts';

export interface Participant {
  email: string;
  /** The address's domain and its parents, longest first (`eu.acme.com`, `acme.com`); empty when none may match. */
  domainCandidates: string[];
}

const emailShape = /^[^\s@]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/;

/**
 * Normalises the addresses of a thread or an event. Domain matching never uses a free-mail domain
 * nor one of the org's own (a colleague on the thread says nothing about the customer).
 */
export function readParticipants(emails: readonly string[], orgDomains: readonly string[]): Participant[] {
  const own = new Set(orgDomains);
  const seen = new Set<string>();
  const participants: Participant[] = [];
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    const match = emailShape.exec(email);
    if (!match || seen.has(email)) continue;
    seen.add(email);
    participants.push({ email, domainCandidates: domainCandidates(match[1] ?? '', own) });
  }
  return participants;
}

function domainCandidates(domain: string, own: ReadonlySet<string>): string[] {
  const labels = domain.split('.');
  const candidates: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) {
    const candidate = labels.slice(i).join('.');
    // A subdomain of the org's own or of a free-mail provider is theirs too.
    if (own.has(candidate) || isFreeMailDomain(candidate)) return [];
    candidates.push(candidate);
  }
  return candidates;
}
