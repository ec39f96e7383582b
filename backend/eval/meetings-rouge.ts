/// <reference path="../ai/providers/local/meeting-modules.d.ts" />
import stem from 'wink-eng-lite-web-model/dist/porter-stemmer.js';

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Tokens as Google's `rouge-score` makes them with `use_stemmer=True`: lower case, every run of
 * characters other than a–z and 0–9 a separator, and words longer than three letters stemmed. The
 * stemmer is Porter's (the second version, as wink's English model ships it; `rouge-score` uses
 * NLTK's original Porter, which stems a few words differently).
 */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((token) => (token.length > 3 ? stem(token) : token));
}

/** ROUGE-N: clipped n-gram overlap of the candidate with the reference. */
export function rougeN(candidate: string[], reference: string[], n: number): RougeScore {
  const counts = ngramCounts(reference, n);
  const candidateGrams = ngramCounts(candidate, n);
  let overlap = 0;
  for (const [gram, count] of candidateGrams) overlap += Math.min(count, counts.get(gram) ?? 0);
  return scoreOf(overlap, Math.max(candidate.length - n + 1, 0), Math.max(reference.length - n + 1, 0));
}

/** ROUGE-L: the longest common subsequence of the two token lists (the whole text as one sequence). */
export function rougeL(candidate: string[], reference: string[]): RougeScore {
  return scoreOf(longestCommonSubsequence(candidate, reference), candidate.length, reference.length);
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function longestCommonSubsequence(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const token of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++)
      row[j] = token === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    previous = row;
  }
  return previous[b.length]!;
}

function scoreOf(overlap: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal ? overlap / candidateTotal : 0;
  const recall = referenceTotal ? overlap / referenceTotal : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
