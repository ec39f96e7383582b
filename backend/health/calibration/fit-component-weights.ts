import { type HealthComponent, type HealthWeights, healthComponents } from '../../../shared/api/health.ts';
import { componentScorers } from '../model/components.ts';
import type { HealthFeatures } from '../model/features.ts';
import { fitLogistic, type LogisticFit, sigmoid } from './logistic-fit.ts';

/** Each component's 0–100 score for one customer, null where it had no data. */
export type ComponentScores = Record<HealthComponent, number | null>;

export function componentScoresOf(features: HealthFeatures): ComponentScores {
  return Object.fromEntries(
    healthComponents.map((component) => [component, componentScorers[component](features)?.score ?? null]),
  ) as ComponentScores;
}

/** Fixed, not tuned to any file: small enough to leave a real effect, big enough to keep an empty one at 0. */
const weightPenalty = 1e-3;
/** Rounds of filling in missing components from the weights fitted so far (see below). */
const fillRounds = 6;

/**
 * Weights that make the health score (a weighted mean of component scores) rank churn best: a logistic
 * regression of churn on each component's shortfall from a neutral 50, with every coefficient ≥ 0 so a
 * weight can only count a component for health, never against it. The coefficients, scaled to sum to
 * 100, are the weights.
 *
 * The score leaves a component without data out and re-weights the rest, which is the same as filling
 * it in with the weighted mean of the present ones. So the fit fills a missing component with that
 * mean under the weights of the round before (the first round fills a neutral 50) and fits again: when
 * the weights settle, the regression's linear predictor is the score itself, scaled.
 * Undefined when no component helps (every coefficient 0): the current weights stay.
 */
export function fitComponentWeights(
  rows: readonly ComponentScores[],
  churned: readonly boolean[],
): { weights: HealthWeights; fit: LogisticFit } | undefined {
  // A component no customer had data for stays at 0: filled in everywhere, it would only copy the rest.
  const observed = healthComponents.filter((c) => rows.some((scores) => scores[c] !== null));
  let fit: LogisticFit | undefined;
  for (let round = 0; round < fillRounds; round++) {
    const design = rows.map((scores) => shortfalls(scores, observed, fit?.coefficients));
    fit = fitLogistic(design, churned, { l2: weightPenalty, nonNegative: true });
  }
  const coefficients = fit?.coefficients ?? [];
  const total = coefficients.reduce((sum, b) => sum + b, 0);
  // Below this the coefficients are the solver's rounding (a constant component trades with the intercept).
  if (!fit || !(total > 1e-6)) return undefined;
  const weights = Object.fromEntries(
    healthComponents.map((c) => {
      const j = observed.indexOf(c);
      return [c, j < 0 ? 0 : Math.round((1000 * coefficients[j]!) / total) / 10];
    }),
  ) as HealthWeights;
  return { weights, fit };
}

/** Each component's shortfall, a missing one filled with the present ones' mean under `weights`. */
function shortfalls(
  scores: ComponentScores,
  components: readonly HealthComponent[],
  weights: readonly number[] | undefined,
): number[] {
  const present = components.map((c) => scores[c]);
  let sum = 0;
  let weight = 0;
  present.forEach((score, j) => {
    const w = weights?.[j] ?? 0;
    if (score !== null && w > 0) {
      sum += w * score;
      weight += w;
    }
  });
  const fill = weight > 0 ? sum / weight : 50;
  return present.map((score) => shortfall(score ?? fill));
}

/** Platt scaling: P(churn) = σ(intercept + slope · shortfall of the score from 50). */
export interface ScoreToChurn {
  intercept: number;
  slope: number;
}

export function fitScoreToChurn(scores: readonly number[], churned: readonly boolean[]): ScoreToChurn {
  const fit = fitLogistic(
    scores.map((score) => [shortfall(score)]),
    churned,
    { l2: 0 },
  );
  return { intercept: fit.intercept, slope: fit.coefficients[0]! };
}

export function churnProbability(map: ScoreToChurn, score: number): number {
  return sigmoid(map.intercept + map.slope * shortfall(score));
}

/** 0 at a neutral 50, 1 at a score of 0, −1 at 100. */
function shortfall(score: number): number {
  return (50 - score) / 50;
}
