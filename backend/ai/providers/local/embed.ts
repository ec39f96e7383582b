import { hashedFeature } from './feature-hash.ts';

export const embeddingDimensions = 256;
/** Whole words say more than spelling: they weigh twice a character trigram. */
const wordWeight = 2;

/**
 * A deterministic feature-hashed vector of a text: its lower-cased words and the character trigrams
 * of each (padded with spaces, so "report" and "reports" share most), L2-normalised, so the cosine
 * of two vectors is their dot product. The same text always gives the same vector.
 */
export function embedText(text: string): number[] {
  const vector = new Array<number>(embeddingDimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    add(vector, `w:${word}`, wordWeight);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) add(vector, `t:${padded.slice(i, i + 3)}`, 1);
  }
  const norm = Math.hypot(...vector);
  return norm ? vector.map((x) => x / norm) : vector;
}

function add(vector: number[], feature: string, weight: number): void {
  const { index, sign } = hashedFeature(feature, embeddingDimensions);
  vector[index]! += sign * weight;
}
