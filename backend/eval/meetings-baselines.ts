import { inSpokenOrder } from '../ai/providers/local/meeting-summary.ts';
import type { TurnSentence, TurnView } from '../ai/providers/local/meeting-turns.ts';

/**
 * The two baselines every extractive summariser is compared with, on the same candidate sentences
 * as ours (six words or more, three content words or more) and the same word budget, so only the
 * choice of sentences differs.
 */
function candidatesOf(views: TurnView[]): TurnSentence[] {
  return views.flatMap((v) => v.sentences.filter((s) => s.words >= 6 && new Set(s.stems).size >= 3));
}

/** Lead-k: the first sentences of the meeting, up to the budget. */
export function leadSummary(views: TurnView[], wordBudget: number): TurnSentence[] {
  return takeWithin(candidatesOf(views), wordBudget);
}

/**
 * TextRank (Mihalcea & Tarau, 2004): sentences are nodes, edges weigh the stems two sentences share
 * over the logs of their lengths, PageRank (damping 0.85) ranks them; the best ones fit the budget.
 */
export function textRankSummary(views: TurnView[], wordBudget: number): TurnSentence[] {
  const nodes = candidatesOf(views);
  const sets = nodes.map((n) => new Set(n.stems));
  const edges: { to: number; weight: number }[][] = nodes.map(() => []);
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) {
      const weight = similarity(sets[i]!, sets[j]!);
      if (weight <= 0) continue;
      edges[i]!.push({ to: j, weight });
      edges[j]!.push({ to: i, weight });
    }
  const outWeight = edges.map((list) => list.reduce((sum, e) => sum + e.weight, 0));
  let rank = nodes.map(() => 1);
  for (let iteration = 0; iteration < 30; iteration++) {
    const next = nodes.map(() => 0.15);
    edges.forEach((list, from) => {
      const share = (0.85 * rank[from]!) / (outWeight[from] || 1);
      for (const edge of list) next[edge.to]! += share * edge.weight;
    });
    rank = next;
  }
  const ranked = nodes.map((node, i) => ({ node, rank: rank[i]! })).sort((a, b) => b.rank - a.rank);
  return inSpokenOrder(
    takeWithin(
      ranked.map((r) => r.node),
      wordBudget,
    ),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared++;
  if (shared === 0) return 0;
  return shared / (Math.log(a.size + 1) + Math.log(b.size + 1));
}

/** Sentences in the given order while they fit; one that does not is skipped for a shorter one. */
function takeWithin(sentences: TurnSentence[], wordBudget: number): TurnSentence[] {
  const taken: TurnSentence[] = [];
  let words = 0;
  for (const sentence of sentences) {
    if (words + sentence.words > wordBudget) {
      if (words >= wordBudget * 0.8) break;
      continue;
    }
    taken.push(sentence);
    words += sentence.words;
  }
  return taken;
}
