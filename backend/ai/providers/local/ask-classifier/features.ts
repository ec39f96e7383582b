import { hashedFeature } from '../feature-hash.ts';
import type { Sentence, Token } from '../sentences.ts';

/** Buckets of the hashing trick; the weights file holds one weight per bucket. */
export const askFeatureDimensions = 8192;

/** index → value; the same index twice adds up (a hashing collision). */
export type SparseVector = Map<number, number>;

const greetings = new Set(['hi', 'hello', 'hey', 'dear', 'thanks', 'ok', 'okay', 'so', 'also', 'and', 'but']);

/**
 * What the ask classifier looks at in one sentence: its words and word pairs, how its core begins
 * (after a greeting or a vocative such as "Rick, …"), the parts of speech there (an imperative starts
 * with a verb), its final punctuation, whom it addresses, and its length.
 */
export function askFeatureNames(sentence: Sentence): string[] {
  const words = sentence.tokens.filter(isWordLike).map(wordOf);
  const core = coreTokens(sentence.tokens);
  const coreWords = core.filter(isWordLike).map(wordOf);
  const names: string[] = [];
  let previous = '^';
  for (const word of words) {
    names.push(`u:${word}`, `b:${previous} ${word}`);
    previous = word;
  }
  names.push(`f1:${coreWords[0] ?? ''}`, `f2:${coreWords.slice(0, 2).join(' ')}`);
  names.push(`p0:${core[0]?.pos ?? ''}`, `p01:${core[0]?.pos ?? ''} ${core[1]?.pos ?? ''}`);
  const last = sentence.tokens[sentence.tokens.length - 1];
  names.push(`end:${last?.type === 'punctuation' ? last.value : 'word'}`);
  if (words.includes('?')) names.push('has:?');
  if (words.some((w) => w === 'you' || w === 'your')) names.push('has:you');
  if (words.some((w) => w === 'me' || w === 'us')) names.push('has:me');
  names.push(`len:${lengthBucket(words.length)}`);
  return names;
}

export function askFeatureVector(sentence: Sentence): SparseVector {
  const vector: SparseVector = new Map();
  for (const name of askFeatureNames(sentence)) {
    const { index, sign } = hashedFeature(name, askFeatureDimensions);
    vector.set(index, (vector.get(index) ?? 0) + sign);
  }
  return vector;
}

function isWordLike(token: Token): boolean {
  return token.type !== 'punctuation' || token.value === '?';
}

function wordOf(token: Token): string {
  if (token.type === 'url' || token.type === 'email' || token.type === 'number') return `<${token.type}>`;
  return token.normal;
}

/** Skips "Hi Anna," or "Rick," so that "Rick, please send…" begins where "Please send…" does. */
export function coreTokens(tokens: Token[]): Token[] {
  const comma = tokens.findIndex((t) => t.value === ',');
  if (comma > 0 && comma <= 3) {
    const lead = tokens.slice(0, comma);
    if (lead.every((t) => t.pos === 'PROPN' || t.pos === 'INTJ' || greetings.has(t.normal)))
      return tokens.slice(comma + 1);
  }
  return tokens[0] && greetings.has(tokens[0].normal) && tokens.length > 2 ? tokens.slice(1) : tokens;
}

function lengthBucket(words: number): string {
  if (words <= 3) return 'tiny';
  if (words <= 8) return 'short';
  if (words <= 20) return 'medium';
  return 'long';
}
