import type { SpeakerMapping } from '../../../shared/api/call-records.ts';

export interface KnownContact {
  id: string;
  name: string;
  email: string;
}

export interface RememberedSpeaker {
  speakerKey: string;
  contactId: string | null;
  name: string;
}

/** How speaker names are compared: Zoom writes "Marco Ruiz", a CRM "marco ruiz ". */
export function speakerKeyOf(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Who each speaker is: a CSM's remembered fix first (it was made for a reason), then the customer's
 * contact of the same name, then a contact whose first name is the speaker's whole name when only
 * one has it ("Marco" in a pasted transcript). Nobody is guessed beyond that.
 */
export function mapSpeakers(
  speakers: readonly string[],
  contacts: readonly KnownContact[],
  remembered: readonly RememberedSpeaker[],
): SpeakerMapping[] {
  const byKey = new Map(remembered.map((r) => [r.speakerKey, r]));
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  return speakers.map((speaker) => {
    const key = speakerKeyOf(speaker);
    const fix = byKey.get(key);
    if (fix) {
      const contact = fix.contactId ? contactById.get(fix.contactId) : undefined;
      return {
        speaker,
        contactId: fix.contactId,
        name: contact?.name || fix.name,
        email: contact?.email ?? null,
        how: 'remembered' as const,
      };
    }
    const contact = contactNamed(key, contacts);
    if (contact)
      return {
        speaker,
        contactId: contact.id,
        name: contact.name,
        email: contact.email,
        how: 'contact' as const,
      };
    return { speaker, contactId: null, name: speaker, email: null, how: 'none' as const };
  });
}

function contactNamed(key: string, contacts: readonly KnownContact[]): KnownContact | undefined {
  const exact = contacts.filter((c) => c.name && speakerKeyOf(c.name) === key);
  if (exact.length === 1) return exact[0];
  if (key.includes(' ')) return undefined;
  const byFirstName = contacts.filter((c) => speakerKeyOf(c.name).split(' ')[0] === key);
  return byFirstName.length === 1 ? byFirstName[0] : undefined;
}
