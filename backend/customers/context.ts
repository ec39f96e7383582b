import type { z } from 'zod';
import type { ContextOutput, contextInput } from '../../shared/api/customers.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { type Candidate, loadCandidates } from './candidates.ts';
import { type CustomerMatch, describeMatch, matchParticipantsToCustomer } from './match.ts';
import { daysUntil, toContactOutput, toCustomerSummary } from './output.ts';
import { readParticipants } from './participants.ts';

const maxCandidates = 5;

/**
 * The call the sidebar makes when a thread or an event opens: who the customer is, why we think so,
 * and the account at a glance.
 */
export async function getCustomerContext(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof contextInput>,
): Promise<ContextOutput> {
  const participants = 'emails' in input ? readParticipants(input.emails, principal.orgDomains) : [];
  if ('emails' in input && participants.length === 0)
    return { candidates: [], customer: null, unmatchedEmails: [] };
  const rows = await loadCandidates(
    db,
    principal.orgId,
    'customerId' in input
      ? { customerIds: [input.customerId] }
      : {
          emails: participants.map((p) => p.email),
          domains: [...new Set(participants.flatMap((p) => p.domainCandidates))],
        },
  );
  let matches: CustomerMatch[];
  let unmatchedEmails: string[] = [];
  if ('customerId' in input) {
    if (rows.length === 0) throw new DomainError('NOT_FOUND', 'no such customer');
    matches = [{ customerId: input.customerId, contactHits: [], domainMatches: [], domainSpecificity: 0 }];
  } else {
    const result = matchParticipantsToCustomer(participants, {
      contacts: rows.flatMap((r) => r.contactHits),
      domains: rows.flatMap((r) => r.domainHits.map((domain) => ({ domain, customerId: r.customer.id }))),
    });
    matches = result.matches;
    unmatchedEmails = result.unmatchedEmails;
  }
  const byId = new Map(rows.map((r) => [r.customer.id, r]));
  const ranked = matches
    .map((match) => ({ match, row: byId.get(match.customerId) }))
    .filter((c): c is { match: CustomerMatch; row: Candidate } => c.row !== undefined)
    .sort(
      (a, b) =>
        b.match.contactHits.length - a.match.contactHits.length ||
        b.match.domainSpecificity - a.match.domainSpecificity ||
        (b.row.lastActivityAt?.getTime() ?? 0) - (a.row.lastActivityAt?.getTime() ?? 0),
    )
    .slice(0, maxCandidates);
  const top = ranked[0];
  if (!top) return { candidates: [], customer: null, unmatchedEmails };

  const { customer, owner, domains, openTaskCount, openTasks, recentActivities } = top.row;
  return {
    candidates: ranked.map(({ match, row }) => ({
      customer: toCustomerSummary(row.customer, row.domains),
      reason: {
        contactEmails: match.contactHits.map((c) => c.email),
        domainMatches: match.domainMatches,
        summary: 'customerId' in input ? 'Selected by you' : describeMatch(match),
      },
      lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
    })),
    customer: {
      ...toCustomerSummary(customer, domains),
      owner,
      daysToRenewal: customer.renewalDate
        ? daysUntil(customer.renewalDate, clock.now(), principal.timeZone)
        : null,
      matchedContacts: top.match.contactHits.map(toContactOutput),
      recentActivities,
      openTaskCount,
      openTasks,
      health: null,
      pendingApprovals: [],
    },
    unmatchedEmails,
  };
}
