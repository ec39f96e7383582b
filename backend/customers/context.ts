import type { z } from 'zod';
import type { ContextOutput, contextInput, contextLookupInput } from '../../shared/api/customers.ts';
import { preferGenericPlans } from '../db/generic-plans.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { conferenceKey } from '../meetings/conference-id.ts';
import { type Candidate, loadCandidates } from './candidates.ts';
import {
  type CustomerEvidence,
  compareEvidence,
  describeEvidence,
  gatherEvidence,
  noEvidence,
  shortlistEvidence,
} from './customer-evidence.ts';
import { matchParticipantsToCustomer } from './match.ts';
import { findMeetingHits } from './meeting-evidence.ts';
import { daysUntil, toContactOutput, toCustomerSummary } from './output.ts';
import { readParticipants } from './participants.ts';
import { ownNames, participantNameVariants, topicGrams } from './topic-grams.ts';

const maxCandidates = 5;
/** Customers tied on a meeting's evidence, loaded so that recent activity can rank them. */
const maxShortlist = 8;

/**
 * The call the sidebar makes when a thread, an event or a meeting opens: who the customer is, why
 * we think so, and the account at a glance.
 */
export async function getCustomerContext(
  deps: OrgDeps,
  input: z.infer<typeof contextInput>,
): Promise<ContextOutput> {
  const planned = preferGenericPlans(deps.db);
  try {
    return await ('customerId' in input ? openCustomer(deps, input) : lookUpCustomer(deps, input));
  } finally {
    await planned;
  }
}

async function openCustomer(deps: OrgDeps, input: { customerId: string }): Promise<ContextOutput> {
  const { db, principal } = deps;
  const rows = await loadCandidates(db, principal.orgId, {
    customerIds: [input.customerId],
    emails: [],
    domains: [],
  });
  const [row] = rows;
  if (!row) throw new DomainError('NOT_FOUND', 'no such customer');
  return toContextOutput(deps, [{ evidence: noEvidence(input.customerId), row }], [], 'Selected by you');
}

/**
 * Two statements at most: the customers a meeting's topic, participants' names and conference id
 * point at (only when the page shows any), then the candidates with the account, found by address
 * and by those ids together.
 */
async function lookUpCustomer(
  deps: OrgDeps,
  input: z.infer<typeof contextLookupInput>,
): Promise<ContextOutput> {
  const { db, principal } = deps;
  const participants = readParticipants(input.emails, principal.orgDomains);
  const grams = input.topic ? topicGrams(input.topic) : [];
  const names = participantNameVariants(input.names);
  const conference = input.meetingId ? conferenceKey(input.meetingId) : '';
  if (participants.length === 0 && grams.length === 0 && names.length === 0 && !conference)
    return { candidates: [], customer: null, unmatchedEmails: [] };
  const hits = await findMeetingHits(db, principal.orgId, {
    grams: grams.map((g) => g.text),
    ownNames: ownNames(principal.orgDomains),
    participantNames: names,
    ...(conference
      ? { conference: { key: conference, at: input.at ? new Date(input.at) : deps.clock.now() } }
      : {}),
  });
  // Common names recur across customers: only the strongest few are worth loading, and without
  // addresses only those that may come first need their account read.
  const shortlist = shortlistEvidence(
    gatherEvidence([], hits, grams).sort(compareEvidence),
    maxCandidates,
    maxShortlist,
  );
  const rows = await loadCandidates(db, principal.orgId, {
    customerIds: shortlist.ids,
    emails: participants.map((p) => p.email),
    domains: [...new Set(participants.flatMap((p) => p.domainCandidates))],
    ...(participants.length === 0 ? { openingIds: shortlist.contenders } : {}),
  });
  const { matches, unmatchedEmails } = matchParticipantsToCustomer(participants, {
    contacts: rows.flatMap((r) => r.contactHits),
    domains: rows.flatMap((r) => r.domainHits.map((domain) => ({ domain, customerId: r.customer.id }))),
  });
  const byId = new Map(rows.map((r) => [r.customer.id, r]));
  const ranked = gatherEvidence(matches, hits, grams)
    .flatMap((evidence) => {
      const row = byId.get(evidence.customerId);
      return row ? [{ evidence: { ...evidence, lastActivityAt: row.lastActivityAt }, row }] : [];
    })
    .sort((a, b) => compareEvidence(a.evidence, b.evidence))
    .slice(0, maxCandidates);
  return toContextOutput(deps, ranked, unmatchedEmails);
}

function toContextOutput(
  { clock, principal }: OrgDeps,
  ranked: { evidence: CustomerEvidence; row: Candidate }[],
  unmatchedEmails: string[],
  summary?: string,
): ContextOutput {
  const top = ranked[0];
  if (!top) return { candidates: [], customer: null, unmatchedEmails };

  const { customer, owner, domains, openTaskCount, openTasks, recentActivities } = top.row;
  return {
    candidates: ranked.map(({ evidence, row }) => ({
      customer: toCustomerSummary(row.customer, row.domains),
      reason: {
        contactEmails: evidence.contactHits.map((c) => c.email),
        domainMatches: evidence.domainMatches,
        topicName: evidence.topicName,
        contactNames: evidence.nameHits.map((c) => c.name),
        calendarEvent: evidence.calendarEvent,
        summary: summary ?? describeEvidence(evidence),
      },
      lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
    })),
    customer: {
      ...toCustomerSummary(customer, domains),
      owner,
      daysToRenewal: customer.renewalDate
        ? daysUntil(customer.renewalDate, clock.now(), principal.timeZone)
        : null,
      matchedContacts: [...top.evidence.contactHits, ...top.evidence.nameHits].map(toContactOutput),
      recentActivities,
      openTaskCount,
      openTasks,
      health: null,
      pendingApprovals: [],
    },
    unmatchedEmails,
  };
}
