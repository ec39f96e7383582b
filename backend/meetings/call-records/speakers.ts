import type { SpeakerMapping } from '../../../shared/api/call-records.ts';
import { addressFit, displayNameFit, type NameFit, nameKey } from './name-match.ts';

export interface KnownContact {
  id: string;
  name: string;
  email: string;
}

/** One of the org's own people. */
export interface KnownMember {
  name: string;
  email: string;
}

/** Someone the call says was there: in Zoom's participant list, or invited to the Calendar event. */
export interface CallAttendee {
  name: string;
  /** Zoom gives no address for a guest who joined without signing in, or by phone. */
  email: string | null;
  source: 'zoom_participant' | 'calendar_guest';
}

export interface RememberedSpeaker {
  speakerKey: string;
  contactId: string | null;
  name: string;
}

/** Everything a speaker may be matched to. */
export interface SpeakerEvidence {
  attendees: readonly CallAttendee[];
  /** The call's customer's contacts. */
  contacts: readonly KnownContact[];
  members: readonly KnownMember[];
  /** The org's own email domains: an address there is one of ours, never a customer attendee. */
  orgDomains: readonly string[];
  remembered: readonly RememberedSpeaker[];
}

/** How speaker names are compared: Zoom writes "Marco Ruiz", a CRM "marco ruiz ". */
export function speakerKeyOf(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

interface Candidate {
  /** The same person listed twice (a Zoom participant who rejoined) is one candidate. */
  identity: string;
  fit: NameFit;
  how: SpeakerMapping['how'];
  name: string;
  email: string | null;
  contactId: string | null;
}

/**
 * Who each speaker is, strongest evidence first: a CSM's remembered fix (it was made for a reason);
 * a Zoom participant of that name (whose address Zoom knows); a Calendar guest whose display name
 * is the speaker's, or whose address reads as it; then the customer's contact or the org's member of
 * that name. An address found on the way names the contact who has it, or is kept as it is (a
 * customer attendee not yet a contact); one of the org's own is marked internal. Two people who fit
 * equally well are never guessed between: the speaker stays unmatched for the CSM to say.
 */
export function mapSpeakers(speakers: readonly string[], evidence: SpeakerEvidence): SpeakerMapping[] {
  const fixes = new Map(evidence.remembered.map((r) => [r.speakerKey, r]));
  return speakers.map((speaker) => {
    const fix = fixes.get(speakerKeyOf(speaker));
    // Fixes are the org's; one naming another customer's contact says nothing about this call.
    const applies = fix && (!fix.contactId || evidence.contacts.some((c) => c.id === fix.contactId));
    if (fix && applies) return rememberedMapping(speaker, fix, evidence);
    const key = nameKey(speaker);
    for (const tier of candidateTiers(key, evidence)) {
      const found = onlyBest(tier);
      if (found === 'ambiguous') break;
      // A participant Zoom knows no address for confirms the name only: a guest list may know more.
      if (found && (found.email || found.contactId)) return resolved(speaker, found, evidence);
    }
    return { speaker, contactId: null, name: speaker, email: null, how: 'none', internal: false };
  });
}

/** Who was on the call by name, for the analysis to know its task owners by (200 names at most). */
export function attendeeNamesOf(speakers: SpeakerMapping[], attendees: readonly CallAttendee[]): string[] {
  const matched = speakers.filter((s) => s.how !== 'none').map((s) => s.name);
  const present = attendees.map((a) => a.name.trim()).filter(Boolean);
  return [...new Set([...matched, ...present])].slice(0, 200);
}

function candidateTiers(key: string, evidence: SpeakerEvidence): Candidate[][] {
  const of = (source: CallAttendee['source']) => evidence.attendees.filter((a) => a.source === source);
  // Someone who rejoined without signing in is listed again with no address: the same person.
  const withAddress = new Set(of('zoom_participant').flatMap((a) => (a.email ? [nameKey(a.name)] : [])));
  const participants = of('zoom_participant').filter((a) => a.email || !withAddress.has(nameKey(a.name)));
  const zoom = participants.map((a) => ({
    identity: a.email?.toLowerCase() ?? `name:${nameKey(a.name)}`,
    fit: displayNameFit(key, a.name),
    how: 'zoom_participant' as const,
    name: a.name,
    email: a.email?.toLowerCase() ?? null,
    contactId: null,
  }));
  const calendar = of('calendar_guest').flatMap((a) => {
    if (!a.email) return [];
    const byName = a.name ? displayNameFit(key, a.name) : null;
    const byAddress = byName === 'full' ? null : addressFit(key, a.email);
    const fromAddress = byAddress === 'full' || (byName === null && byAddress !== null);
    return [
      {
        identity: a.email.toLowerCase(),
        fit: fromAddress ? byAddress : byName,
        how: fromAddress ? ('guest_address' as const) : ('calendar_guest' as const),
        name: a.name,
        email: a.email.toLowerCase(),
        contactId: null,
      },
    ];
  });
  const named = [
    ...evidence.contacts.map((c) => ({
      identity: `contact:${c.id}`,
      fit: c.name ? displayNameFit(key, c.name) : null,
      how: 'contact' as const,
      name: c.name,
      email: c.email,
      contactId: c.id,
    })),
    ...evidence.members.map((m) => ({
      identity: m.email.toLowerCase(),
      fit: m.name ? displayNameFit(key, m.name) : null,
      how: 'member' as const,
      name: m.name,
      email: m.email.toLowerCase(),
      contactId: null,
    })),
  ];
  return [zoom, calendar, named];
}

/** The one candidate fitting best (a whole name over a first name), `ambiguous` when several do. */
function onlyBest(candidates: Candidate[]): Candidate | 'ambiguous' | undefined {
  for (const fit of ['full', 'first'] as const) {
    const fitting = new Map(candidates.filter((c) => c.fit === fit).map((c) => [c.identity, c]));
    if (fitting.size > 1) return 'ambiguous';
    const [only] = fitting.values();
    if (only) return only;
  }
  return undefined;
}

function resolved(speaker: string, found: Candidate, evidence: SpeakerEvidence): SpeakerMapping {
  const email = found.email;
  const member = email ? evidence.members.find((m) => m.email.toLowerCase() === email) : undefined;
  const ours = found.how === 'member' || member !== undefined || (email !== null && isOurs(email, evidence));
  if (ours)
    return {
      speaker,
      contactId: null,
      name: member?.name || found.name || speaker,
      email,
      how: found.how,
      internal: true,
    };
  const contact = found.contactId
    ? evidence.contacts.find((c) => c.id === found.contactId)
    : evidence.contacts.find((c) => c.email.toLowerCase() === email);
  return {
    speaker,
    contactId: contact?.id ?? null,
    name: contact?.name || found.name || speaker,
    email: contact?.email ?? email,
    how: found.how,
    internal: false,
  };
}

function rememberedMapping(
  speaker: string,
  fix: RememberedSpeaker,
  evidence: SpeakerEvidence,
): SpeakerMapping {
  const contact = fix.contactId ? evidence.contacts.find((c) => c.id === fix.contactId) : undefined;
  return {
    speaker,
    contactId: fix.contactId,
    name: contact?.name || fix.name,
    email: contact?.email ?? null,
    how: 'remembered',
    internal: false,
  };
}

function isOurs(email: string, evidence: SpeakerEvidence): boolean {
  return evidence.orgDomains.some((domain) => email.endsWith(`@${domain.toLowerCase()}`));
}
