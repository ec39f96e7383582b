import { type ContactHit, type CustomerMatch, describeMatch } from './match.ts';
import type { MeetingHit } from './meeting-evidence.ts';
import { longestNonOverlapping, type TopicGram } from './topic-grams.ts';

/** Everything that points at one customer: addresses (match.ts), the topic, participants' names. */
export interface CustomerEvidence extends CustomerMatch {
  /** The topic's words that name it ("Acme Robotics"), when the topic does. */
  topicName: string | null;
  topicWords: number;
  /** Its contacts whose name a participant shows, beyond those matched by address. */
  nameHits: ContactHit[];
  /** The title of its Calendar event with this meeting's conference id, when no other customer has one. */
  calendarEvent: string | null;
  /** Read with the candidates (candidates.ts); null until then. */
  lastActivityAt: Date | null;
}

/**
 * Adds the meeting's hits to the address matches, one entry per customer. Of the grams that named
 * a customer only the longest of overlapping ones count: "Acme Robotics × OurCo" names Acme
 * Robotics, not Acme.
 */
export function gatherEvidence(
  addressMatches: readonly CustomerMatch[],
  hits: readonly MeetingHit[],
  grams: readonly TopicGram[],
): CustomerEvidence[] {
  const byCustomer = new Map<string, CustomerEvidence>();
  const entry = (customerId: string) => {
    let found = byCustomer.get(customerId);
    if (!found) {
      found = noEvidence(customerId);
      byCustomer.set(customerId, found);
    }
    return found;
  };
  for (const match of addressMatches) Object.assign(entry(match.customerId), match);
  const named = hits.flatMap((hit) => {
    const gram = hit.kind === 'topic' ? grams[hit.gram] : undefined;
    return gram ? [{ ...gram, customerId: hit.customerId }] : [];
  });
  for (const gram of longestNonOverlapping(named)) {
    const evidence = entry(gram.customerId);
    if (gram.words > evidence.topicWords)
      Object.assign(evidence, { topicName: gram.text, topicWords: gram.words });
  }
  for (const hit of hits) {
    if (hit.kind !== 'name') continue;
    const evidence = entry(hit.customerId);
    const known = [...evidence.contactHits, ...evidence.nameHits].some((c) => c.id === hit.contact.id);
    if (!known) evidence.nameHits.push(hit.contact);
  }
  // Ids are reused (personal meeting ids, recurring meetings): an id two customers' events carry says nothing.
  const events = hits.flatMap((hit) => (hit.kind === 'event' ? [hit] : []));
  const [nearest] = events;
  if (nearest && events.every((e) => e.customerId === nearest.customerId))
    entry(nearest.customerId).calendarEvent = nearest.title;
  return [...byCustomer.values()].filter(
    (e) =>
      e.calendarEvent !== null ||
      e.contactHits.length + e.domainMatches.length + e.topicWords + e.nameHits.length > 0,
  );
}

/**
 * The customer whose Calendar event is this meeting first. Then addresses, being exact: matched
 * contacts, then the deepest domain. Then customers with both the topic and participants' names for
 * them, the longer name in the topic, more participants who are its contacts, and last the most
 * recent activity.
 */
export function compareEvidence(a: CustomerEvidence, b: CustomerEvidence): number {
  const kinds = (e: CustomerEvidence) => (e.topicWords > 0 ? 1 : 0) + (e.nameHits.length > 0 ? 1 : 0);
  return (
    Number(b.calendarEvent !== null) - Number(a.calendarEvent !== null) ||
    b.contactHits.length - a.contactHits.length ||
    b.domainSpecificity - a.domainSpecificity ||
    kinds(b) - kinds(a) ||
    b.topicWords - a.topicWords ||
    b.nameHits.length - a.nameHits.length ||
    (b.lastActivityAt?.getTime() ?? 0) - (a.lastActivityAt?.getTime() ?? 0)
  );
}

/**
 * Which customers of a meeting's evidence (sorted, before recent activity is known) to load: the
 * first `size`, and those tied with the last of them, since recent activity decides between them,
 * at most `cap`. `contenders` are the ones that may come first and whose account the sidebar may open.
 */
export function shortlistEvidence(
  sorted: readonly CustomerEvidence[],
  size: number,
  cap: number,
): { ids: string[]; contenders: string[] } {
  const last = sorted[size - 1];
  const listed = sorted.filter((e, i) => i < size || (last !== undefined && compareEvidence(e, last) === 0));
  const [first] = listed;
  const contenders = first ? listed.filter((e) => compareEvidence(e, first) === 0) : [];
  return {
    ids: listed.slice(0, cap).map((e) => e.customerId),
    contenders: contenders.slice(0, cap).map((e) => e.customerId),
  };
}

/** A sentence for the sidebar: why this customer. */
export function describeEvidence(e: CustomerEvidence): string {
  const parts: string[] = [];
  if (e.calendarEvent !== null) parts.push(`Its Calendar event '${e.calendarEvent}' is this meeting`);
  if (e.contactHits.length > 0 || e.domainMatches.length > 0) parts.push(describeMatch(e));
  if (e.topicName) parts.push('Named in the meeting topic');
  const n = e.nameHits.length;
  if (n > 0)
    parts.push(
      `${n} participant${n === 1 ? ' is its contact' : 's are its contacts'}: ${e.nameHits.map((c) => c.name).join(', ')}`,
    );
  return parts.join('; ');
}

/** A customer nothing on the page points at (yet): opened by id, or the start of a tally. */
export function noEvidence(customerId: string): CustomerEvidence {
  return {
    customerId,
    contactHits: [],
    domainMatches: [],
    domainSpecificity: 0,
    topicName: null,
    topicWords: 0,
    nameHits: [],
    calendarEvent: null,
    lastActivityAt: null,
  };
}
