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

/**
 * Weights that make the health score (a weighted mean of component scores) rank churn best: a logistic
 * regression of churn on each component's shortfall from a neutral 50, with every coefficient ≥ 0 so a
 * weight can only count a component for health, never against it. A component without data for a
 * customer is neutral there (0 shortfall). The coefficients, scaled to sum to 100, are the weights.
 * Undefined when no component helps (every coefficient 0): the current weights stay.
 */
export function fitComponentWeights(
  rows: readonly ComponentScores[],
  churned: readonly boolean[],
): { weights: HealthWeights; fit: LogisticFit } | undefined {
  const design = rows.map((scores) => healthComponents.map((c) => shortfall(scores[c])));
  const fit = fitLogistic(design, churned, { l2: weightPenalty, nonNegative: true });
  const total = fit.coefficients.reduce((sum, b) => sum + b, 0);
  if (!(total > 0)) return undefined;
  const weights = Object.fromEntries(
    healthComponents.map((c, j) => [c, Math.round((1000 * fit.coefficients[j]!) / total) / 10]),
  ) as HealthWeights;
  return { weights, fit };
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

/** 0 at a neutral 50, 1 at a score of 0, −1 at 100; null (no data) reads as neutral. */
function shortfall(score: number | null): number {
  return score === null ? 0 : (50 - score) / 50;
}
