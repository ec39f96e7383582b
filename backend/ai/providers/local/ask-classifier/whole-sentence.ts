import type { Sentence } from '../sentences.ts';

/** The sentences of `source` as one: the classifier's unit when a labelled row holds several. */
export function asWholeSentence(source: string, sentences: Sentence[]): Sentence {
  const first = sentences[0];
  const last = sentences[sentences.length - 1];
  if (!first || !last) return { text: '', start: 0, end: 0, tokens: [] };
  return {
    text: source.slice(first.start, last.end),
    start: first.start,
    end: last.end,
    tokens: sentences.flatMap((s) => s.tokens),
  };
}
