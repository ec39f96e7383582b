/**
 * An email taken apart the way a reader sees it: the greeting before the name ("Hey" of
 * "Hey Priya,"), the body, and the sign-off line before the sender's name ("Cheers," above "Sam").
 */
export interface LetterParts {
  /** The words before the name, as written: "Hey", "Good morning"; null when it opens otherwise. */
  greeting: string | null;
  /** The name the greeting is to, as written: "Priya Raman"; null without one. */
  greetedName: string | null;
  /** The closing line, as written and without the name: "Cheers,"; null when there is none. */
  signOff: string | null;
  /** The lines below the sign-off (or the name alone at the end): "Sam Lee\nCustomer Success Manager". */
  signature: string | null;
  body: string;
  /** The body's paragraphs, as blank lines separate them. */
  paragraphs: string[];
}

const greetingWords =
  /^(?:hi|hey|hello|heya|hiya|howdy|dear|greetings|good\s+(?:morning|afternoon|evening|day)|morning|afternoon)(?:\s+(?:there|all|team|everyone|folks))?\b/i;
/** After the greeting, the name up to its comma (or the line's end when that is near). */
const nameAfterGreeting = /^[^,!:;.?\n]{0,60}?[,!:]/;
const signOffWords =
  /^(?:best|thanks|thank you|many thanks|cheers|regards|kind regards|warm regards|best regards|warmly|warm wishes|best wishes|all the best|sincerely|yours|talk soon|speak soon|take care|with thanks|thx|until next time)\b/i;
/** Lines below the sign-off: the name, a title, a company. */
const maxSignatureLines = 3;

export function letterParts(text: string, senderName: string): LetterParts {
  // Blank lines stay as empty strings: they separate the body's paragraphs.
  const all = text.split('\n').map((l) => l.trim());
  while (all.length > 0 && !all[0]) all.shift();
  const opening = openingOf(all[0] ?? '');
  const rest = opening ? [opening.after, ...all.slice(1)] : all;
  const lines = rest.map((line, at) => ({ line, at })).filter((l) => l.line);
  // Without a greeting, the first line is the body's (or a name: "Priya,"), never a sign-off.
  const closing = closingOf(
    lines.map((l) => l.line),
    nameWords(senderName),
    opening ? 0 : 1,
  );
  const bodyEnd = lines[closing.at]?.at ?? rest.length;
  const bodyLines = rest.slice(0, bodyEnd);
  const paragraphs = bodyLines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const below = lines.slice(closing.at + (closing.signOff ? 1 : 0)).map((l) => l.line);
  return {
    greeting: opening?.greeting ?? null,
    greetedName: opening?.name || null,
    signOff: closing.signOff,
    signature: below.length > 0 ? below.join('\n') : null,
    body: bodyLines.filter(Boolean).join('\n'),
    paragraphs,
  };
}

function openingOf(line: string): { greeting: string; name: string; after: string } | null {
  const match = greetingWords.exec(line);
  if (!match) return null;
  const greeting = match[0];
  const afterGreeting = line.slice(greeting.length);
  const name = nameAfterGreeting.exec(afterGreeting);
  if (name)
    return {
      greeting,
      name: name[0].slice(0, -1).trim(),
      after: afterGreeting.slice(name[0].length).trim(),
    };
  // "Hey Priya" on a line of its own, with no comma.
  if (countWords(afterGreeting) <= 3) return { greeting, name: afterGreeting.trim(), after: '' };
  return { greeting, name: '', after: afterGreeting.replace(/^[\s,!:]+/, '') };
}

/** Where the closing starts (the body ends), and its sign-off line. */
function closingOf(
  lines: string[],
  name: Set<string>,
  earliest: number,
): { at: number; signOff: string | null } {
  const first = Math.max(earliest, lines.length - 1 - maxSignatureLines);
  for (let at = lines.length - 1; at >= first; at--) {
    const line = lines[at]!;
    if (!isSignOff(line)) continue;
    const below = lines.slice(at + 1);
    if (below.some((l) => countWords(l) > 6)) break;
    return { at, signOff: withoutName(line, name) };
  }
  // No sign-off: a last line that is the sender's name is the signature still.
  const last = lines.at(-1);
  if (last && lines.length > 1 && isName(last, name)) return { at: lines.length - 1, signOff: null };
  return { at: lines.length, signOff: null };
}

function isSignOff(line: string): boolean {
  const words = countWords(line);
  if (words > 5) return false;
  if (signOffWords.test(line)) return !/\?$/.test(line) && (words <= 3 || !/\.$/.test(line));
  return /,$/.test(line) && words <= 3;
}

/** "Thanks, Sam" → "Thanks,"; "Best" stays. */
function withoutName(line: string, name: Set<string>): string {
  const words = line.split(/\s+/);
  while (words.length > 1 && name.has(bare(words.at(-1)!))) words.pop();
  return words.join(' ');
}

function isName(line: string, name: Set<string>): boolean {
  const words = line.split(/\s+/).map(bare).filter(Boolean);
  return words.length > 0 && words.length <= 4 && words.some((w) => name.has(w));
}

function nameWords(senderName: string): Set<string> {
  return new Set(senderName.split(/\s+/).map(bare).filter(Boolean));
}

function bare(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
