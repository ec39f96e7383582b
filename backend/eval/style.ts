import { parseArgs } from 'node:util';
import type { Database } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { describeHabits, drawHabits, editAsCsm, movesText } from './style-csm.ts';
import { openStyleWorld, styleWorldOn } from './style-world.ts';

export interface StyleEvalOptions {
  seeds: number;
  rounds: number;
  /** The first seed: held-out CSMs are another range of seeds (`--from 101`). */
  firstSeed?: number;
}

export interface StyleEvalReport {
  seeds: number;
  rounds: number;
  /** Mean, lowest and highest normalised edit distance of each round's draft, over the seeds. */
  perRound: { round: number; mean: number; min: number; max: number }[];
  perSeed: { seed: number; habits: string; movesText: boolean; distances: number[]; learned: string[] }[];
  target: Target;
  /** The same, over the CSMs none of whose habits moves text (`movesText`): what the profile can hold. */
  withoutMoves: Target & { seeds: number };
}

interface Target {
  firstRound: number;
  lastRounds: number[];
  lastRoundsMean: number;
  met: boolean;
}

/** The rounds whose mean is held to half of the first round's (8–10 of ten). */
const lastRoundsCount = 3;

/**
 * Each scripted CSM (`style-csm.ts`) gets a draft of a demo customer's email, rewrites it their way
 * and sends it, round after round: how far each round's draft is from what they sent shows how
 * much the style profile learned. The first round's draft knows nothing of them.
 */
export async function evaluateStyleLearning(
  options: StyleEvalOptions,
  /** A migrated database to run in (a test's); by default one of its own in a temp folder. */
  database?: Database,
): Promise<StyleEvalReport> {
  const world = database ? await styleWorldOn(database) : await openStyleWorld();
  try {
    const perSeed: StyleEvalReport['perSeed'] = [];
    const first = options.firstSeed ?? 1;
    for (let seed = first; seed < first + options.seeds; seed++) {
      const habits = drawHabits(seed);
      const csm = await world.addCsm(seed);
      const distances: number[] = [];
      let learned: string[] = [];
      for (let round = 1; round <= options.rounds; round++) {
        const thread = await world.threadFor(csm, seed, round);
        const draft = await csm.draft(thread.input);
        const sent = editAsCsm(habits, draft.text, {
          recipient: thread.recipient,
          sender: csm.name,
          senderTitle: 'Customer Success Manager',
        });
        const recorded = await csm.recordSent(draft.draftId, sent);
        distances.push(recorded.editDistance);
        learned = recorded.describe;
      }
      perSeed.push({
        seed,
        habits: describeHabits(habits),
        movesText: movesText(habits),
        distances,
        learned,
      });
    }
    return reportOf(options, perSeed);
  } finally {
    await world.close();
  }
}

function reportOf(options: StyleEvalOptions, perSeed: StyleEvalReport['perSeed']): StyleEvalReport {
  const perRound = Array.from({ length: options.rounds }, (_, i) => {
    const values = perSeed.map((s) => s.distances[i]!);
    return { round: i + 1, mean: mean(values), min: Math.min(...values), max: Math.max(...values) };
  });
  const still = perSeed.filter((s) => !s.movesText);
  return {
    seeds: options.seeds,
    rounds: options.rounds,
    perRound,
    perSeed,
    target: targetOf(perRound.map((r) => r.mean)),
    withoutMoves: { seeds: still.length, ...targetOf(roundMeans(still, options.rounds)) },
  };
}

function roundMeans(seeds: StyleEvalReport['perSeed'], rounds: number): number[] {
  return Array.from({ length: rounds }, (_, i) => mean(seeds.map((s) => s.distances[i]!)));
}

function targetOf(means: number[]): Target {
  const firstRound = means[0] ?? 0;
  const lastRounds = means.slice(-lastRoundsCount);
  const lastRoundsMean = mean(lastRounds);
  return { firstRound, lastRounds, lastRoundsMean, met: lastRoundsMean <= firstRound / 2 };
}

export function formatStyleEvalTable(report: StyleEvalReport): string {
  const from = report.rounds - lastRoundsCount + 1;
  const verdict = (t: Target) =>
    `mean of rounds ${from}–${report.rounds} = ${fixed(t.lastRoundsMean)} ≤ half of round 1 ` +
    `(${fixed(t.firstRound)} / 2 = ${fixed(t.firstRound / 2)}): ${t.met ? 'met' : 'NOT met'}`;
  const rows = report.perRound.map(
    (r) => `${String(r.round).padStart(5)}  ${fixed(r.mean)}  ${fixed(r.min)}  ${fixed(r.max)}`,
  );
  const seeds = report.perSeed.map(
    (s) =>
      `  seed ${String(s.seed).padStart(2)}  ${fixed(s.distances[0] ?? 0)} → ${fixed(s.distances.at(-1) ?? 0)}  ${s.habits}`,
  );
  return [
    `style learning: ${report.seeds} scripted CSMs (seeds ${report.perSeed[0]?.seed ?? 1}–${report.perSeed.at(-1)?.seed ?? 1}) × ${report.rounds} drafts each, local provider, embedded database`,
    'normalised word edit distance between each draft and what the CSM sent (0 = sent as drafted)',
    '',
    'round   mean    min    max',
    ...rows,
    '',
    `target: ${verdict(report.target)}`,
    `the ${report.withoutMoves.seeds} CSMs whose habits move no text: ${verdict(report.withoutMoves)}`,
    '',
    'per scripted CSM (round 1 → last round; habits):',
    ...seeds,
    '',
  ].join('\n');
}

export async function runStyleEval(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      seeds: { type: 'string', default: '20' },
      from: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '10' },
    },
  });
  const seeds = wholeNumber('--seeds', values.seeds, 1, 200);
  const rounds = wholeNumber('--rounds', values.rounds, lastRoundsCount + 1, 50);
  const firstSeed = wholeNumber('--from', values.from, 1, 1_000_000);
  const report = await evaluateStyleLearning({ seeds, rounds, firstSeed });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatStyleEvalTable(report));
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new DomainError('BAD_REQUEST', `eval style: ${flag} takes a whole number from ${min} to ${max}`);
  return value;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function fixed(value: number): string {
  return value.toFixed(3);
}
