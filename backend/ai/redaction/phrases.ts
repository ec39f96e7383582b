import { type Token, tokenize } from './tokens.ts';

/** Words looked up by `has`: one list, or several seen as one. */
export interface WordSet {
  has(word: string): boolean;
}

export function unionOf(...sets: readonly WordSet[]): WordSet {
  return { has: (word) => sets.some((set) => set.has(word)) };
}

/** A list of names or terms, found as whole token sequences in any case. */
export interface PhraseList {
  /** The lowercase words of its phrases (two letters or more). */
  words: ReadonlySet<string>;
  find(text: string, tokens: readonly Token[]): { start: number; end: number }[];
}

const built = new WeakMap<readonly string[], PhraseList>();

/**
 * Built once per list (an org's contacts or customers can be thousands): a map from each phrase's
 * first word, so finding them all costs one pass over the text's tokens.
 */
export function phraseList(phrases: readonly string[]): PhraseList {
  const cached = built.get(phrases);
  if (cached) return cached;
  const list = buildPhraseList(phrases);
  built.set(phrases, list);
  return list;
}

function buildPhraseList(phrases: readonly string[]): PhraseList {
  const byFirstWord = new Map<string, string[][]>();
  const words = new Set<string>();
  for (const phrase of phrases) {
    const parts = tokenize(phrase)
      .filter((t) => t.kind !== 'break')
      .map((t) => t.lower);
    const [first] = parts;
    if (first === undefined) continue;
    for (const part of parts) if (/^[\p{L}\p{M}]{2}/u.test(part)) words.add(part);
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), parts]);
  }
  for (const sequences of byFirstWord.values()) sequences.sort((a, b) => b.length - a.length);
  return {
    words,
    find(text, tokens) {
      const found: { start: number; end: number }[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const sequence = byFirstWord
          .get(tokens[i]!.lower)
          ?.find((parts) => matchesAt(text, tokens, i, parts));
        if (!sequence) continue;
        found.push({ start: tokens[i]!.start, end: tokens[i + sequence.length - 1]!.end });
        i += sequence.length - 1;
      }
      return found;
    },
  };
}

function matchesAt(text: string, tokens: readonly Token[], i: number, parts: readonly string[]): boolean {
  return parts.every((part, k) => {
    const token = tokens[i + k];
    if (token?.lower !== part) return false;
    return k === 0 || /^[ \t]{0,3}$/.test(text.slice(tokens[i + k - 1]!.end, token.start));
  });
}
