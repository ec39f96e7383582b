import type { z } from 'zod';
import {
  type BriefAttendee,
  type BriefOutput,
  type briefInput,
  briefWording,
  type MeetingBrief,
} from '../../shared/api/briefs.ts';
import { generateObjectWithAi } from '../ai/run.ts';
import { readMeetingGuests } from '../calendar-sync/meeting-guests.ts';
import { getCustomerContext } from '../customers/context.ts';
import type { Db } from '../db/client.ts';
import type { StreamingDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { type AssembledBrief, assembleBrief } from './assemble.ts';
import { readDataVersion } from './data-version.ts';
import { readBriefFacts } from './facts.ts';
import { briefBlocks, briefSystem } from './prompt.ts';
import type { MeetingBriefRow } from './schema.ts';
import {
  eventKeyOf,
  readRecordedEvent,
  readStoredBrief,
  sameGuests,
  storeBrief,
  storedBriefOutput,
  updateGuests,
} from './store.ts';

type Input = z.output<typeof briefInput>;

/** What the read found: an answer already, or what a new brief is made from. */
type ReadStep =
  | { kind: 'answer'; output: BriefOutput }
  | {
      kind: 'generate';
      eventKey: string;
      title: string;
      startsAt: Date;
      attendees: BriefAttendee[];
      dataVersion: string;
      assembled: AssembledBrief;
    };

/**
 * The prep brief of a Calendar event. Three steps, none holding a transaction while the model
 * works: read the kept brief, the customer's data version and (when a new brief is due) its facts;
 * word the talking points and agenda; keep the brief. A kept brief whose customer data has not moved
 * is answered as it is; `mode: 'stored'` answers a kept one even when stale.
 */
export async function meetingBrief(
  deps: StreamingDeps,
  input: Input,
  signal: AbortSignal = new AbortController().signal,
): Promise<BriefOutput> {
  const step = await deps.inOrg((tx) => readStep(tx, deps, input));
  if (step.kind === 'answer') return step.output;
  const { assembled } = step;
  const wording = await wordBrief(deps, assembled, step.title, signal);
  const row = await deps.inOrg((tx) =>
    storeBrief(tx, deps.orgId, {
      eventKey: step.eventKey,
      customerId: assembled.brief.customer.id,
      title: step.title,
      startsAt: step.startsAt,
      attendees: step.attendees,
      brief: { ...assembled.brief, ...wording.brief },
      provider: wording.provider,
      model: wording.model,
      dataVersion: step.dataVersion,
      generatedAt: deps.clock.now(),
    }),
  );
  return storedBriefOutput(row, false);
}

async function readStep(tx: Db, deps: StreamingDeps, input: Input): Promise<ReadStep> {
  const orgId = deps.orgId;
  const given = 'attendees' in input ? input : null;
  const eventKey = 'attendees' in input ? eventKeyOf(input) : input.eventId;
  const stored = await readStoredBrief(tx, orgId, eventKey);
  const recorded = input.eventId ? await readRecordedEvent(tx, orgId, input.eventId) : null;
  // The sync's guest list is the event's latest when the page gave none.
  const synced = recorded && !given ? await readMeetingGuests(tx, orgId, recorded.id) : [];
  const attendees =
    given?.attendees ??
    (synced.length > 0 ? synced.map((g) => ({ email: g.email, name: g.name })) : (stored?.attendees ?? []));
  const startsAt = given ? new Date(given.start) : (stored?.startsAt ?? recorded?.occurredAt);
  if (!startsAt) throw new DomainError('NOT_FOUND', 'no such event: open it in Calendar first');
  const title = given?.title ?? stored?.title ?? recorded?.subject ?? '';

  const external = attendees.filter((a) => a.email && !isOurs(a.email, deps.principal.orgDomains));
  if (external.length === 0 && !recorded) return { kind: 'answer', output: { kind: 'internal' } };
  // The same guests as the kept brief's are the same customer: opening it again costs no lookup.
  const kept = stored && sameGuests(stored.attendees, attendees) ? stored.customerId : null;
  const customerId = recorded?.customerId ?? kept ?? (await matchCustomer(tx, deps, external, title));
  if (typeof customerId !== 'string')
    return { kind: 'answer', output: { kind: 'no_customer', unmatchedEmails: customerId.unmatched } };

  const dataVersion = await readDataVersion(tx, orgId, customerId);
  const sameData = stored?.dataVersion === dataVersion;
  if (stored && stored.customerId === customerId) {
    const fresh = sameData && sameGuests(stored.attendees, attendees);
    if (fresh || input.mode === 'stored')
      return { kind: 'answer', output: storedBriefOutput(stored, !fresh) };
  }
  const facts = await readBriefFacts(tx, orgId, {
    customerId,
    emails: external.flatMap((a) => (a.email ? [a.email] : [])),
    meetingAt: startsAt,
    asOf: deps.clock.now(),
  });
  if (!facts) throw new DomainError('NOT_FOUND', 'no such customer');
  const assembled = assembleBrief(facts, {
    attendees,
    orgDomains: deps.principal.orgDomains,
    timeZone: deps.principal.timeZone,
    now: deps.clock.now(),
  });
  // Prepared ahead without the guest list (an event known from the sync): the page's guests are
  // added to it as read now, with no model call; its talking points stand.
  if (stored && stored.customerId === customerId && sameData && stored.attendees.length === 0) {
    const row = await addGuests(tx, orgId, stored, attendees, assembled);
    return { kind: 'answer', output: storedBriefOutput(row, false) };
  }
  return { kind: 'generate', eventKey, title, startsAt, attendees, dataVersion, assembled };
}

async function addGuests(
  tx: Db,
  orgId: string,
  stored: MeetingBriefRow,
  attendees: BriefAttendee[],
  assembled: AssembledBrief,
): Promise<MeetingBriefRow> {
  const { attendees: people, colleagues, activities } = assembled.brief;
  const cited = new Map([...stored.brief.activities, ...activities].map((a) => [a.id, a]));
  const brief = { ...stored.brief, attendees: people, colleagues, activities: [...cited.values()] };
  return updateGuests(tx, orgId, stored.id, { attendees, brief });
}

function isOurs(email: string, orgDomains: string[]): boolean {
  return orgDomains.some((d) => email.endsWith(`@${d}`));
}

/** The customer the guests' addresses and the title point at, as the Customer tab finds it. */
async function matchCustomer(
  tx: Db,
  deps: StreamingDeps,
  external: BriefAttendee[],
  title: string,
): Promise<string | { unmatched: string[] }> {
  const emails = external.flatMap((a) => (a.email ? [a.email] : []));
  const context = await getCustomerContext(
    { ...deps, db: tx },
    { emails, names: [], ...(title.trim() ? { topic: title } : {}) },
  );
  return context.customer?.id ?? { unmatched: context.unmatchedEmails };
}

/**
 * Talking points and agenda through the org's providers. A point citing no fact the brief holds
 * is dropped: every claim of a brief points at its rows.
 */
async function wordBrief(deps: StreamingDeps, assembled: AssembledBrief, title: string, signal: AbortSignal) {
  const { brief, facts } = assembled;
  const task = {
    customerName: brief.customer.name,
    title,
    daysToRenewal: brief.account.daysToRenewal,
    healthBand: brief.account.health?.band ?? null,
    facts,
  };
  const answer = await generateObjectWithAi(deps, {
    feature: 'meeting.brief',
    system: briefSystem,
    blocks: briefBlocks(task),
    task: { kind: 'meeting.brief', input: { ...task, facts: facts.map(({ sources: _, ...f }) => f) } },
    schema: briefWording,
    schemaName: 'brief_wording',
    schemaDescription: 'Talking points and a suggested agenda for the call.',
    maxOutputTokens: 1200,
    signal,
    privacy: {
      knownNames: brief.attendees.map((a) => a.name),
      allowedTerms: [brief.customer.name],
    },
  });
  const byRef = new Map(facts.map((f) => [f.ref, f.sources]));
  const sourcesOf = (refs: number[]) => {
    const seen = new Map<string, MeetingBrief['risks'][number]['sources'][number]>();
    for (const ref of refs) for (const s of byRef.get(ref) ?? []) seen.set(`${s.kind}:${s.id}`, s);
    return [...seen.values()].slice(0, 20);
  };
  const talkingPoints = answer.object.talkingPoints.flatMap((p) => {
    const sources = sourcesOf(p.refs);
    return sources.length > 0 ? [{ text: p.text, sources }] : [];
  });
  const agenda = answer.object.agenda.map((a) => ({
    text: a.text,
    minutes: a.minutes,
    sources: sourcesOf(a.refs),
  }));
  return { provider: answer.provider, model: answer.model, brief: { talkingPoints, agenda } };
}
