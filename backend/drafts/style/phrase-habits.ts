import {
  asPhrase,
  contains,
  joinOverlapping,
  type Phrase,
  phraseOf,
  surfaceOf,
  type Token,
  tokensOf,
} from './phrase-tokens.ts';
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

interface Evidence {
  /** In the draft, not sent. */
  deleted: number;
  /** In the draft and sent. */
  kept: number;
  /** Sent, not in the draft. */
  written: number;
}

interface Rule {
  isNewHabit: (e: Evidence) => boolean;
  /** For a phrase learned before: drafts following it show nothing, only the CSM undoing it counts. */
  stillHolds: (e: Evidence) => boolean;
  support: (e: Evidence) => number;
}

const maxPhrases = 20;
const maxPhraseChars = 200;
const maxGram = 6;
const maxWholeSentence = 30;
/** A sentence this much of which went was cut, not edited: its words are no habits of their own. */
const cutSentenceShare = 0.5;

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
  const edits = texts.map(({ draft, sent }) => {
    const { removed, added } = alignWords(draft, sent, (t) => t.word);
    return {
      removed: removedCandidates(draft, new Set(removed.flat())),
      added: added.flatMap(sentencesAdded),
    };
  });
  const removed = chooseHabits(
    [...recurring(edits.map((e) => e.removed)), ...previous.removed.map(phraseOf)],
    new Set(previous.removed.map(keyOfText)),
    evidenceOf,
    {
      isNewHabit: (e) => e.deleted >= 2 && e.deleted >= 0.8 * (e.deleted + e.kept),
      stillHolds: (e) => !(e.kept >= 2 && e.deleted < 0.8 * (e.deleted + e.kept)),
      support: (e) => e.deleted,
    },
  );
  const half = samples.length / 2;
  const added = chooseHabits(
    [...recurring(edits.map((e) => e.added)), ...previous.added.map(phraseOf)],
    new Set(previous.added.map(keyOfText)),
    evidenceOf,
    {
      isNewHabit: (e) =>
        e.written >= 2 && e.written + e.kept >= half && e.deleted <= 0.2 * (e.kept + e.deleted),
      stillHolds: (e) => !(e.deleted >= 2 && e.deleted > 0.2 * (e.kept + e.deleted)),
      support: (e) => e.written + e.kept,
    },
  );
  return { removed, added };
}

/**
 * What the deleted words of a draft may stand for, sentence by sentence. A sentence mostly gone
 * was cut: it gives itself and its runs of two to `maxGram` words ("call" is not cut, the call
 * offer is). Words cut from a sentence that stays ("really", "so much") give their runs from one
 * word up.
 */
function removedCandidates(draft: Token[], gone: Set<Token>): Phrase[] {
  const phrases: Phrase[] = [];
  for (const sentence of sentencesOf(draft)) {
    const cut = sentence.filter((t) => gone.has(t)).length;
    if (cut === 0) continue;
    if (cut >= cutSentenceShare * sentence.length) {
      if (sentence.length > maxGram && sentence.length <= maxWholeSentence)
        phrases.push(...asPhrase(sentence));
      phrases.push(...runsOf(sentence, 2));
    } else {
      for (const run of stretches(sentence, (t) => gone.has(t))) phrases.push(...runsOf(run, 1));
    }
  }
  return phrases;
}

/** Every run of `shortest` to `maxGram` consecutive words, as a phrase. */
function runsOf(tokens: Token[], shortest: number): Phrase[] {
  const phrases: Phrase[] = [];
  for (let n = shortest; n <= Math.min(maxGram, tokens.length); n++)
    for (let start = 0; start + n <= tokens.length; start++)
      phrases.push(...asPhrase(tokens.slice(start, start + n)));
  return phrases;
}

function sentencesOf(tokens: Token[]): Token[][] {
  return stretches(
    tokens,
    () => true,
    (a, b) => a.sentence === b.sentence,
  );
}

/** The maximal stretches of tokens that pass `keep`, next to each other (and `together`). */
function stretches(
  tokens: Token[],
  keep: (t: Token) => boolean,
  together: (a: Token, b: Token) => boolean = () => true,
): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    const last = current.at(-1);
    if (!keep(token) || (last && !together(last, token))) {
      if (current.length > 0) out.push(current);
      current = [];
    }
    if (keep(token)) current.push(token);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * An added phrase is written in as a sentence of its own: only whole sentences are candidates,
 * figures and all (a P.S. the CSM writes into half their mail is theirs, whatever it says).
 */
function sentencesAdded(run: Token[]): Phrase[] {
  return sentencePieces(run).flatMap((piece) =>
    piece[0]!.startsSentence && piece.at(-1)!.endsSentence && piece.length <= maxWholeSentence
      ? asPhrase(piece, 'figures allowed')
      : [],
  );
}

function sentencePieces(run: Token[]): Token[][] {
  const pieces: Token[][] = [];
  for (const token of run) {
    const piece = pieces.at(-1);
    if (piece && piece[0]!.sentence === token.sentence) piece.push(token);
    else pieces.push([token]);
  }
  return pieces;
}

/** Candidates counted once a sample; those that came up in two samples or more. */
function recurring(candidatesPerSample: Phrase[][]): Phrase[] {
  const seen = new Map<string, { phrase: Phrase; samples: number }>();
  for (const candidates of candidatesPerSample) {
    const inSample = new Map(candidates.map((phrase) => [phrase.words.join(' '), phrase]));
    for (const [key, phrase] of inSample) {
      const entry = seen.get(key) ?? { phrase, samples: 0 };
      entry.samples++;
      seen.set(key, entry);
    }
  }
  return [...seen.values()].filter((e) => e.samples >= 2).map((e) => e.phrase);
}

function chooseHabits(
  candidates: Phrase[],
  learnedBefore: Set<string>,
  evidenceOf: (phrase: Phrase) => Evidence,
  rule: Rule,
): string[] {
  const unique = new Map(candidates.map((c) => [c.words.join(' '), c]));
  const holds = (key: string, e: Evidence) =>
    learnedBefore.has(key) ? rule.stillHolds(e) : rule.isNewHabit(e);
  const scored = [...unique.entries()]
    .map(([key, phrase]) => ({ key, phrase, evidence: evidenceOf(phrase) }))
    .filter(({ key, evidence }) => holds(key, evidence))
    .sort(
      (a, b) =>
        rule.support(b.evidence) - rule.support(a.evidence) ||
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
      return rule.isNewHabit(e) && rule.support(e) >= rule.support(evidence);
    });
    if (at >= 0) chosen[at] = joinOverlapping(chosen[at]!, phrase)!;
    else if (chosen.length < maxPhrases) chosen.push(phrase);
  }
  return chosen.map(surfaceOf).filter((surface) => surface.length <= maxPhraseChars);
}

function keyOfText(text: string): string {
  return phraseOf(text).words.join(' ');
}
