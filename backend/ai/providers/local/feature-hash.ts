/** FNV-1a over UTF-16 code units: fast, stable across runs and machines, no dependency. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The hashing trick: a feature goes to one of `dimensions` buckets with a sign taken from another
 * bit, so collisions cancel out on average instead of piling up.
 */
export function hashedFeature(feature: string, dimensions: number): { index: number; sign: 1 | -1 } {
  const hash = fnv1a(feature);
  return { index: hash % dimensions, sign: hash & 0x80000000 ? -1 : 1 };
}
