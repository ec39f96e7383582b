/**
 * The role labels Calendar shows beside a guest's name, in the languages CSMs use most. They are read
 * only to set a flag and to keep them out of the name; a missing language costs the flag, never the
 * guest (the address still matches).
 */
export type GuestRole = 'organizer' | 'optional' | 'group';

const labels: Record<GuestRole, string[]> = {
  organizer: [
    'organizer',
    'organiser',
    'organisator',
    'organisatorin',
    'organisateur',
    'organisatrice',
    'organizador',
    'organizadora',
    'organizzatore',
    'organizzatrice',
  ],
  optional: ['optional', 'optionnel', 'facultatif', 'facultative', 'opcional', 'facoltativo', 'optioneel'],
  group: ['group', 'gruppe', 'groupe', 'grupo', 'gruppo', 'groep'],
};

const byWord = new Map<string, GuestRole>(
  Object.entries(labels).flatMap(([role, words]) => words.map((w) => [w, role as GuestRole] as const)),
);

/** The role a piece of text names when it is nothing but a label ("Organizer", "(optional)"). */
export function roleOfLabel(text: string): GuestRole | null {
  return byWord.get(bare(text)) ?? null;
}

/** Every role named among comma-separated parts ("Sam Carter, organizer" from an aria-label). */
export function rolesIn(text: string): GuestRole[] {
  return text
    .split(/[,;·•]/)
    .map(roleOfLabel)
    .filter((role): role is GuestRole => role !== null);
}

/**
 * Splits a label off the end of a name: "Ana Silva (Organizer)", "Raj Patel · Optional", or glued on
 * without a space as `textContent` joins them ("Acme OpsGroup"). A name merely ending in a label word
 * after a space ("Acme Ops Group") is left whole: that is how a group may be called.
 */
export function splitTrailingRole(name: string): { name: string; role: GuestRole | null } {
  for (const [word, role] of byWord) {
    const match = trailingLabel(word).exec(name);
    if (match?.[1]) return { name: match[1].trim(), role };
  }
  return { name, role: null };
}

const patterns = new Map<string, RegExp>();

function trailingLabel(word: string): RegExp {
  const known = patterns.get(word);
  if (known) return known;
  const capitalised = word[0]?.toUpperCase() + word.slice(1);
  const separated = `\\s*[,(·•–-]\\s*(?:${word}|${capitalised})\\)?`;
  const glued = `(?<=\\p{Ll})${capitalised}`;
  const pattern = new RegExp(`^(.*\\S)(?:${separated}|${glued})$`, 'u');
  patterns.set(word, pattern);
  return pattern;
}

function bare(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s([,:·•–-]+|[\s)\],:·•–-]+$/g, '')
    .trim();
}
