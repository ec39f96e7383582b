import type { TurnSentence, TurnView } from './meeting-turns.ts';

/** Sentences shorter than this are mostly back-channel ("yeah, that's right") in speech. */
const minimumWords = 6;
const minimumStems = 3;

/**
 * How much the weight of a sentence's stems is divided by its length (words to this power): below
 * 1, a long sentence that says more is not lost to a short one; 1 would favour fragments.
 */
const lengthDamping = 0.7;
/** The meeting's opening (agenda, purpose) counts up to this much more than its close. */
const openingWeight = 1.5;

/**
 * An extractive summary in the way of SumBasic (Nenkova & Vanderwende, 2005) over content-word
 * stems: a sentence scores the meeting-wide frequency of its distinct stems per (damped) word it
 * spends, the best one is taken, and the stems it covered lose weight (squared), so the next pick
 * says something else. What a meeting keeps coming back to is what it is about; the squaring keeps
 * the summary from repeating it; earlier sentences weigh a little more, as meetings state their
 * purpose first. Tuned on QMSum's product-design training meetings only.
 */
export function summaryByWordFrequency(views: TurnView[], wordBudget: number): TurnSentence[] {
  const candidates = views.flatMap((v) =>
    v.sentences.filter((s) => s.words >= minimumWords && new Set(s.stems).size >= minimumStems),
  );
  const weight = stemFrequencies(candidates);
  const position = new Map(candidates.map((c, i) => [c, i / candidates.length]));
  const chosen: TurnSentence[] = [];
  const left = new Set(candidates);
  let words = 0;
  while (left.size > 0) {
    let best: TurnSentence | undefined;
    let bestScore = -1;
    for (const sentence of left) {
      const opening = 1 + openingWeight * (1 - position.get(sentence)!);
      const score = (stemWeight(sentence, weight) / sentence.words ** lengthDamping) * opening;
      if (score > bestScore) [best, bestScore] = [sentence, score];
    }
    if (!best) break;
    left.delete(best);
    if (words + best.words > wordBudget) {
      if (words > 0 && words >= wordBudget * 0.8) break;
      continue;
    }
    chosen.push(best);
    words += best.words;
    for (const stem of new Set(best.stems)) weight.set(stem, (weight.get(stem) ?? 0) ** 2);
  }
  return inSpokenOrder(chosen);
}

export function stemFrequencies(sentences: TurnSentence[]): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const sentence of sentences)
    for (const stem of sentence.stems) {
      counts.set(stem, (counts.get(stem) ?? 0) + 1);
      total++;
    }
  for (const [stem, count] of counts) counts.set(stem, count / Math.max(total, 1));
  return counts;
}

function stemWeight(sentence: TurnSentence, weight: Map<string, number>): number {
  let sum = 0;
  for (const stem of new Set(sentence.stems)) sum += weight.get(stem) ?? 0;
  return sum;
}

export function inSpokenOrder(sentences: TurnSentence[]): TurnSentence[] {
  return [...sentences].sort((a, b) => a.turn - b.turn || a.sentence.start - b.sentence.start);
}
