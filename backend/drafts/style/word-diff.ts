/**
 * Word-level comparison of a draft with what was sent: the Levenshtein distance over words (a
 * replaced word costs one, like a deleted or an inserted one) and the alignment behind it, as runs
 * of deleted and inserted words.
 */
export interface WordAlignment<T> {
  /** Edits over the longer sequence's length: 0 the same, 1 nothing in common. */
  distance: number;
  /** Runs of consecutive words of `before` that are not in `after`, in order. */
  removed: T[][];
  /** Runs of consecutive words of `after` that are not in `before`, in order. */
  added: T[][];
}

export function alignWords<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
): WordAlignment<T> {
  const a = before.map(key);
  const b = after.map(key);
  const width = b.length + 1;
  // Costs from each position to the end, so the walk from the start reads the edits in order.
  const cost = new Uint32Array((a.length + 1) * width);
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      const at = i * width + j;
      if (i === a.length) cost[at] = b.length - j;
      else if (j === b.length) cost[at] = a.length - i;
      else if (a[i] === b[j]) cost[at] = cost[at + width + 1]!;
      else cost[at] = 1 + Math.min(cost[at + width]!, cost[at + 1]!, cost[at + width + 1]!);
    }
  }
  const removed: T[][] = [];
  const added: T[][] = [];
  let removing: T[] = [];
  let adding: T[] = [];
  const closeRuns = () => {
    if (removing.length > 0) removed.push(removing);
    if (adding.length > 0) added.push(adding);
    removing = [];
    adding = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const at = i * width + j;
    if (i < a.length && j < b.length && a[i] === b[j] && cost[at] === cost[at + width + 1]) {
      closeRuns();
      i++;
      j++;
    } else if (i < a.length && j < b.length && cost[at] === 1 + cost[at + width + 1]!) {
      removing.push(before[i++]!);
      adding.push(after[j++]!);
    } else if (i < a.length && cost[at] === 1 + cost[at + width]!) {
      removing.push(before[i++]!);
    } else {
      adding.push(after[j++]!);
    }
  }
  closeRuns();
  const longer = Math.max(a.length, b.length);
  return { distance: longer === 0 ? 0 : cost[0]! / longer, removed, added };
}

/** The words of a text as written, split on whitespace: punctuation stays with its word. */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** A compact diff: enough to see what the CSM changed, bounded whatever they sent. */
const maxRuns = 60;
const maxRunChars = 300;

/** How far the sent text is from the draft, with the phrases deleted and added: what a feedback event keeps. */
export function compareDraftWithSent(draft: string, sent: string) {
  const { distance, removed, added } = alignWords(wordsOf(draft), wordsOf(sent), (w) => w);
  const phrases = (runs: string[][]) => runs.slice(0, maxRuns).map((r) => r.join(' ').slice(0, maxRunChars));
  return { distance, diff: { removed: phrases(removed), added: phrases(added) } };
}
