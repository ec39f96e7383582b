import type { StyleProfile } from '../../../shared/api/drafts.ts';
import { formalityOf } from './formality.ts';
import {
  learnGreetsByFullName,
  learnLeadsWithAnswer,
  learnSignature,
  openingOfAdded,
} from './layout-habits.ts';
import { countWords, letterParts } from './letter-parts.ts';
import { learnPhraseHabits } from './phrase-habits.ts';
import { learnContractions, learnNoExclamations, learnShortDates } from './register-habits.ts';

/** A draft CSCX wrote and what the CSM sent of it, newest first. */
export interface StyleSample {
  draftText: string;
  sentText: string;
}

/** Nothing counts as a habit before two sent drafts show it. */
export const minSamples = 2;
/** A greeting or sign-off is theirs when at least half of what they sent opens or closes with it. */
const modeShare = 0.5;

export const emptyStyleProfile: StyleProfile = {
  greeting: null,
  signOff: null,
  typicalWords: null,
  formality: null,
  removedPhrases: [],
  addedPhrases: [],
  samples: 0,
  greetsByFullName: false,
  signature: null,
  openingPhrases: [],
  leadsWithAnswer: false,
  contractions: null,
  noExclamations: false,
  shortDates: false,
};

/**
 * How the CSM writes, from what they sent of recent drafts: the greeting and sign-off most of
 * their messages use (and whom they greet, what they sign with), the length they cut or grow
 * drafts to, how formal they read (contractions, exclamation marks, dates), the phrases they keep
 * cutting or adding and where they add them (`phrase-habits.ts`), and whether they lead with the
 * answer (`layout-habits.ts`). `previous` carries the habits drafts now follow (a length,
 * phrases), which what is sent no longer shows.
 */
export function learnStyleProfile(
  samples: StyleSample[],
  senderName: string,
  previous: StyleProfile = emptyStyleProfile,
): StyleProfile {
  if (samples.length < minSamples) return { ...emptyStyleProfile, ...previous, samples: samples.length };
  const pairs = samples.map((s) => ({
    draft: letterParts(s.draftText, senderName),
    sent: letterParts(s.sentText, senderName),
  }));
  const previousOpening = previous.openingPhrases ?? [];
  const phrases = learnPhraseHabits(
    pairs.map((p) => ({ draft: p.draft.body, sent: p.sent.body })),
    { removed: previous.removedPhrases, added: [...previousOpening, ...previous.addedPhrases] },
  );
  const opening = openingOfAdded(pairs, phrases.added, previousOpening).slice(0, 10);
  return {
    greeting: mostUsed(pairs.map((p) => p.sent.greeting)),
    signOff: mostUsed(pairs.map((p) => p.sent.signOff)),
    typicalWords: typicalLength(samples) ?? previous.typicalWords,
    formality: round2(mean(samples.map((s) => formalityOf(s.sentText)))),
    removedPhrases: phrases.removed,
    addedPhrases: phrases.added.filter((p) => !opening.includes(p)),
    samples: samples.length,
    greetsByFullName: learnGreetsByFullName(pairs, previous.greetsByFullName ?? false),
    signature: learnSignature(pairs, previous.signature ?? null),
    openingPhrases: opening,
    leadsWithAnswer: learnLeadsWithAnswer(pairs, phrases.added, previous.leadsWithAnswer ?? false),
    contractions: learnContractions(pairs, previous.contractions ?? null),
    noExclamations: learnNoExclamations(pairs, previous.noExclamations ?? false),
    shortDates: learnShortDates(pairs, previous.shortDates ?? false),
  };
}

/** A sent text this much longer or shorter than its draft was made that length on purpose. */
const lengthChange = 0.15;

/**
 * The length the CSM brings drafts to: the median words of the texts they made notably shorter or
 * longer, once at least two (and a third of them) show it. Texts sent at their draft's length say
 * only that the draft was long enough: counting them would shrink every draft after the one the
 * profile shortened. Null: no evidence, keep what was learned.
 */
function typicalLength(samples: StyleSample[]): number | null {
  const resized = samples
    .map((s) => ({ sent: countWords(s.sentText), drafted: countWords(s.draftText) }))
    .filter(({ sent, drafted }) => Math.abs(sent - drafted) >= lengthChange * Math.max(drafted, 1));
  if (resized.length < minSamples || resized.length < samples.length / 3) return null;
  return Math.min(2000, Math.max(1, Math.round(median(resized.map((r) => r.sent)))));
}

/** The value most samples have (newest spelling), when it is at least two of them and half of all. */
function mostUsed(values: (string | null)[]): string | null {
  const counts = new Map<string, { value: string; count: number }>();
  for (const value of values) {
    if (!value) continue;
    const entry = counts.get(value.toLowerCase()) ?? { value, count: 0 };
    entry.count++;
    counts.set(value.toLowerCase(), entry);
  }
  let best: { value: string; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  if (!best || best.count < minSamples || best.count < modeShare * values.length) return null;
  return best.value.slice(0, 100);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
