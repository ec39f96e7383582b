import { alignWords } from './word-diff.ts';

/**
 * Phrases a CSM keeps deleting from drafts, and ones they keep writing in, learned from the bodies
 * of their recent drafts and what they sent. A phrase counts only when the evidence repeats: cut
 * from at least two drafts and kept in hardly any that had it; written into at least two and
 * present in half of what they sent. A habit once learned stays until their edits contradict it:
 * drafts that follow it no longer show it, which is not evidence against it.
 */
export interface PhraseSample {
  draft: string;
  sent: string;
}
export interface PhraseHabits {
  removed: string[];
  added: string[];
}

interface Token {
  word: string;
  surface: string;
  startsSentence: boolean;
  endsSentence: boolean;
}
interface Phrase {
  words: string[];
  /** Each word as written. */
  surfaces: string[];
}
interface Evidence {
  /** In the draft, not sent. */
  deleted: number;
  /** In the draft and sent. */
  kept: number;
  /** Sent, not in the draft. */
  written: number;
}

const maxPhrases = 20;
const maxPhraseChars = 200;
const maxGram = 6;
const maxWholePiece = 30;
/** Words that make no habit on their own: "I will" for "I'll" is a register, which formality holds. */
const functionWords = new Set(
  (
    'a an the to of and or but if in on at for from with as by about into over than then so ' +
    'i we you he she it they me us him her them my our your his its their this that these those ' +
    'is are was were be been being am do does did have has had will would shall should can could may might must not no ' +
    'there here what who which when where how'
  ).split(' '),
);
const contracted = /^[a-z]+'(?:ll|re|ve|m|d|t|s)$/;

function isFunctionWord(word: string): boolean {
  return functionWords.has(word) || contracted.test(word);
}

export function learnPhraseHabits(samples: PhraseSample[], previous: PhraseHabits): PhraseHabits {
  const texts = samples.map((s) => ({ draft: tokensOf(s.draft), sent: tokensOf(s.sent) }));
  const keys = texts.map((t) => ({ draft: t.draft.map((w) => w.word), sent: t.sent.map((w) => w.word) }));
  const evidenceOf = (phrase: Phrase): Evidence => {
    const evidence = { deleted: 0, kept: 0, written: 0 };
    for (const { draft, sent } of keys) {
      const inDraft = contains(draft, phrase.words);
      const inSent = contains(sent, phrase.words);
      if (inDraft && inSent) evidence.kept++;
      else if (inDraft) evidence.deleted++;
      else if (inSent) evidence.written++;
    }
    return evidence;
  };
  const runs = texts.map(({ draft, sent }) => alignWords(draft, sent, (t) => t.word));
  const removed = chooseHabits(
    [...recurring(runs.map((r) => r.removed), phrasesIn), ...previous.removed.map(phraseOf)],
    new Set(previous.removed.map(keyOfText)),
    evidenceOf,
    (e) => e.deleted >= 2 && e.deleted >= 0.8 * (e.deleted + e.kept),
    (e) => !(e.kept >= 2 && e.deleted < 0.8 * (e.deleted + e.kept)),
    (e) => e.deleted,
  );
  const half = samples.length / 2;
  // An added phrase is written in as a sentence of its own, so only whole sentences are candidates.
  const added = chooseHabits(
    [...recurring(runs.map((r) => r.added), wholeSentence), ...previous.added.map(phraseOf)],
    new Set(previous.added.map(keyOfText)),
    evidenceOf,
    (e) => e.written >= 2 && e.written + e.kept >= half && e.deleted <= 0.2 * (e.kept + e.deleted),
    (e) => !(e.deleted >= 2 && e.deleted > 0.2 * (e.kept + e.deleted)),
    (e) => e.written + e.kept,
  );
  return { removed, added };
}

function chooseHabits(
  candidates: Phrase[],
  learnedBefore: Set<string>,
  evidenceOf: (phrase: Phrase) => Evidence,
  isNewHabit: (e: Evidence) => boolean,
  stillHolds: (e: Evidence) => boolean,
  support: (e: Evidence) => number,
): string[] {
  const unique = new Map(candidates.map((c) => [c.words.join(' '), c]));
  const holds = (key: string, e: Evidence) => (learnedBefore.has(key) ? stillHolds(e) : isNewHabit(e));
  const scored = [...unique.entries()]
    .map(([key, phrase]) => ({ key, phrase, evidence: evidenceOf(phrase) }))
    .filter(({ key, evidence }) => holds(key, evidence))
    .sort(
      (a, b) =>
        support(b.evidence) - support(a.evidence) ||
        b.phrase.words.length - a.phrase.words.length ||
        a.key.localeCompare(b.key),
    );
  // The longest phrase with the most support stands for the pieces of it, and pieces that overlap
  // with as much support are one phrase ("would you have time for" + "time for a quick call").
  const chosen: Phrase[] = [];
  for (const { phrase, evidence } of scored) {
    const covered = chosen.some((c) => contains(c.words, phrase.words) || contains(phrase.words, c.words));
    if (covered) continue;
    const at = chosen.findIndex((c) => {
      const joined = joinOverlapping(c, phrase);
      if (!joined) return false;
      const e = evidenceOf(joined);
      return isNewHabit(e) && support(e) >= support(evidence);
    });
    if (at >= 0) chosen[at] = joinOverlapping(chosen[at]!, phrase)!;
    else if (chosen.length < maxPhrases) chosen.push(phrase);
  }
  return chosen.map(surfaceOf).filter((surface) => surface.length <= maxPhraseChars);
}

/** "a b c" and "b c d" are "a b c d" (either way round); null when neither ends where the other starts. */
function joinOverlapping(a: Phrase, b: Phrase): Phrase | null {
  for (const [first, second] of [
    [a, b],
    [b, a],
  ] as const) {
    for (let overlap = Math.min(first.words.length, second.words.length) - 1; overlap >= 1; overlap--) {
      const tail = first.words.slice(-overlap);
      if (tail.every((w, i) => w === second.words[i]))
        return {
          words: [...first.words, ...second.words.slice(overlap)],
          surfaces: [...first.surfaces, ...second.surfaces.slice(overlap)],
        };
    }
  }
  return null;
}

function surfaceOf(phrase: Phrase): string {
  return phrase.surfaces.join(' ');
}

/** Candidate phrases of the runs, each counted once a sample; those that came up in two samples or more. */
function recurring(runsPerSample: Token[][][], candidatesIn: (piece: Token[]) => Phrase[]): Phrase[] {
  const seen = new Map<string, { phrase: Phrase; samples: number }>();
  for (const runs of runsPerSample) {
    const inSample = new Map<string, Phrase>();
    for (const piece of runs.flatMap(sentencePieces))
      for (const phrase of candidatesIn(piece)) inSample.set(phrase.words.join(' '), phrase);
    for (const [key, phrase] of inSample) {
      const entry = seen.get(key) ?? { phrase, samples: 0 };
      entry.samples++;
      seen.set(key, entry);
    }
  }
  return [...seen.values()].filter((e) => e.samples >= 2).map((e) => e.phrase);
}

function sentencePieces(run: Token[]): Token[][] {
  const pieces: Token[][] = [[]];
  for (const token of run) {
    pieces.at(-1)!.push(token);
    if (token.endsSentence) pieces.push([]);
  }
  return pieces.filter((p) => p.length > 0);
}

/** The piece itself when it is not too long, and its runs of up to `maxGram` words. */
function phrasesIn(piece: Token[]): Phrase[] {
  const phrases: Phrase[] = [];
  if (piece.length > maxGram && piece.length <= maxWholePiece) phrases.push(...asPhrase(piece));
  for (let n = 1; n <= Math.min(maxGram, piece.length); n++)
    for (let start = 0; start + n <= piece.length; start++) phrases.push(...asPhrase(piece.slice(start, start + n)));
  return phrases;
}

function wholeSentence(piece: Token[]): Phrase[] {
  const whole = piece[0]!.startsSentence && piece.at(-1)!.endsSentence && piece.length <= maxWholePiece;
  return whole ? asPhrase(piece) : [];
}

/** No phrase of function words alone, none with a figure (a date, an amount: that thread's, not a habit). */
function asPhrase(tokens: Token[]): Phrase[] {
  if (tokens.every((t) => isFunctionWord(t.word)) || tokens.some((t) => /\d/.test(t.word))) return [];
  return [{ words: tokens.map((t) => t.word), surfaces: tokens.map((t) => t.surface) }];
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)) {
    const last = tokens.at(-1);
    if (last && /[.!?;:\n]/.test(text.slice(end, match.index))) last.endsSentence = true;
    const surface = match[0].replace(/’/g, "'");
    const startsSentence = !last || last.endsSentence;
    tokens.push({ word: surface.toLowerCase(), surface, startsSentence, endsSentence: false });
    end = match.index + match[0].length;
  }
  const last = tokens.at(-1);
  if (last) last.endsSentence = true;
  return tokens;
}

function phraseOf(text: string): Phrase {
  const tokens = tokensOf(text);
  return { words: tokens.map((t) => t.word), surfaces: tokens.map((t) => t.surface) };
}

function keyOfText(text: string): string {
  return phraseOf(text).words.join(' ');
}

function contains(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > words.length) return false;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
