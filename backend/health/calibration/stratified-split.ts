import { seededRandom } from './seeded-random.ts';

export interface Split {
  /** Indices of the rows to fit on, ascending. */
  training: number[];
  /** Indices of the rows to measure on, ascending. */
  heldOut: number[];
}

/**
 * A seeded split that keeps each class's share: within the positives and within the negatives, a
 * seeded shuffle puts `round(heldOutShare · count)` rows in the held-out part. Same seed, same split.
 */
export function stratifiedSplit(labels: readonly boolean[], heldOutShare: number, seed: number): Split {
  const random = seededRandom(seed);
  const heldOut: number[] = [];
  const training: number[] = [];
  for (const label of [true, false]) {
    const members = labels.flatMap((l, i) => (l === label ? [i] : []));
    shuffle(members, random);
    const cut = Math.round(heldOutShare * members.length);
    heldOut.push(...members.slice(0, cut));
    training.push(...members.slice(cut));
  }
  return { training: training.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
