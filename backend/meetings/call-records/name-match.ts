/**
 * How well a speaker's name fits a person: `full` (the whole name), `first` (a speaker who gave only
 * a first name, and it is this person's), or not at all.
 */
export type NameFit = 'full' | 'first' | null;

/** A name as compared: no accents, case or parenthetical ("Jakob Sharma (Acme)"), single spaces. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const wordsOf = (key: string) => key.split(/[\s-]+/).filter(Boolean);

/** A display name against the speaker's (already a `nameKey`). */
export function displayNameFit(speakerKey: string, displayName: string): NameFit {
  const shown = nameKey(displayName);
  if (!shown) return null;
  if (shown === speakerKey) return 'full';
  const speaker = wordsOf(speakerKey);
  return speaker.length === 1 && wordsOf(shown)[0] === speaker[0] ? 'first' : null;
}

/**
 * Whether an address's local part reads as the speaker's name, in the forms companies give them:
 * jakob.sharma, jakob_sharma, jakob-sharma, jakobsharma, jsharma, j.sharma, sharma.jakob; a
 * "+tag" and trailing digits (jakob.sharma2) are ignored. A first name alone ("marco.ruiz" for
 * "Marco") fits as a first name.
 */
export function addressFit(speakerKey: string, email: string): NameFit {
  const local = nameKey((email.split('@')[0] ?? '').replace(/\+.*$/, '')).replace(/\d+$/, '');
  const parts = local.split(/[._\s-]+/).filter(Boolean);
  const speaker = wordsOf(speakerKey);
  const first = speaker[0];
  const last = speaker.at(-1);
  if (!first || !last || parts.length === 0) return null;
  const joined = parts.join('');
  if (joined === speaker.join('')) return 'full';
  if (speaker.length === 1) return parts[0] === first ? 'first' : null;
  const forms = [first + last, (first[0] ?? '') + last, last + first];
  return forms.includes(joined) ? 'full' : null;
}
