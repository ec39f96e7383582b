/**
 * An email taken apart the way a reader sees it: the greeting before the name ("Hey" of
 * "Hey Priya,"), the body, and the sign-off line before the sender's name ("Cheers," above "Sam").
 */
export interface LetterParts {
  /** The words before the name, as written: "Hey", "Good morning"; null when it opens otherwise. */
  greeting: string | null;
  /** The closing line, as written and without the name: "Cheers,"; null when there is none. */
  signOff: string | null;
  body: string;
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
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const opening = openingOf(lines[0] ?? '');
  const rest = opening ? [opening.after, ...lines.slice(1)].filter(Boolean) : lines;
  // Without a greeting, the first line is the body's (or a name: "Priya,"), never a sign-off.
  const closing = closingOf(rest, nameWords(senderName), opening ? 0 : 1);
  return {
    greeting: opening?.greeting ?? null,
    signOff: closing.signOff,
    body: rest.slice(0, closing.at).join('\n'),
  };
}

function openingOf(line: string): { greeting: string; after: string } | null {
  const match = greetingWords.exec(line);
  if (!match) return null;
  const greeting = match[0];
  const afterGreeting = line.slice(greeting.length);
  const name = nameAfterGreeting.exec(afterGreeting);
  if (name) return { greeting, after: afterGreeting.slice(name[0].length).trim() };
  // "Hey Priya" on a line of its own, with no comma.
  if (countWords(afterGreeting) <= 3) return { greeting, after: '' };
  return { greeting, after: afterGreeting.replace(/^[\s,!:]+/, '') };
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
