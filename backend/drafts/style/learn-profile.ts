import type { StyleProfile } from '../../../shared/api/drafts.ts';
import { formalityOf } from './formality.ts';
import { countWords, letterParts } from './letter-parts.ts';
import { learnPhraseHabits } from './phrase-habits.ts';

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
};

/**
 * How the CSM writes, from what they sent of recent drafts: the greeting and sign-off most of
 * their messages use, the length they cut or grow drafts to, how formal they read, and the phrases
 * they keep cutting or adding (`phrase-habits.ts`). `previous` carries the habits drafts now follow
 * (a length, phrases), which what is sent no longer shows.
 */
export function learnStyleProfile(
  samples: StyleSample[],
  senderName: string,
  previous: StyleProfile = emptyStyleProfile,
): StyleProfile {
  if (samples.length < minSamples) return { ...previous, samples: samples.length };
  const sent = samples.map((s) => letterParts(s.sentText, senderName));
  const drafted = samples.map((s) => letterParts(s.draftText, senderName));
  const phrases = learnPhraseHabits(
    samples.map((_, i) => ({ draft: drafted[i]!.body, sent: sent[i]!.body })),
    { removed: previous.removedPhrases, added: previous.addedPhrases },
  );
  return {
    greeting: mostUsed(sent.map((p) => p.greeting)),
    signOff: mostUsed(sent.map((p) => p.signOff)),
    typicalWords: typicalLength(samples) ?? previous.typicalWords,
    formality: round2(mean(samples.map((s) => formalityOf(s.sentText)))),
    removedPhrases: phrases.removed,
    addedPhrases: phrases.added,
    samples: samples.length,
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
