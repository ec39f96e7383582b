import type { HealthWeights } from '../../../shared/api/health.ts';
import { type ScoringModel, scoreHealth } from '../model/components.ts';
import type { HealthFeatures } from '../model/features.ts';
import {
  churnProbability,
  componentScoresOf,
  fitComponentWeights,
  fitScoreToChurn,
  type ScoreToChurn,
} from './fit-component-weights.ts';
import { averagePrecision, brierScore, rocAuc } from './ranking-metrics.ts';
import { type Split, stratifiedSplit } from './stratified-split.ts';

export interface HeldOutFigures {
  rocAuc: number;
  prAuc: number;
  brier: number;
}

export interface SplitOptions {
  /** Share of the customers measured on, never fitted on. */
  heldOutShare: number;
  seed: number;
}

export const defaultSplit: SplitOptions = { heldOutShare: 0.3, seed: 20261201 };

export interface ModelComparison {
  customers: number;
  churned: number;
  training: { customers: number; churned: number };
  heldOut: { customers: number; churned: number };
  /** The model scoring now, its score mapped to a churn probability fitted on the training part. */
  current: HeldOutFigures & { weights: HealthWeights; scoreToChurn: ScoreToChurn };
  /** Weights fitted on the training part; undefined when no component told churn apart. */
  fitted?: HeldOutFigures & { weights: HealthWeights; scoreToChurn: ScoreToChurn };
}

/**
 * The current model against weights fitted on a seeded split of the same customers, both measured on
 * the held-out part. A customer with no data for any weighted component scores a neutral 50.
 */
export function compareModels(
  features: readonly HealthFeatures[],
  churned: readonly boolean[],
  current: ScoringModel,
  options: SplitOptions = defaultSplit,
): ModelComparison {
  const split = stratifiedSplit(churned, options.heldOutShare, options.seed);
  const count = (indices: number[]) => ({
    customers: indices.length,
    churned: indices.filter((i) => churned[i]).length,
  });
  const trainingScores = split.training.map((i) => componentScoresOf(features[i]!));
  const fittedWeights = fitComponentWeights(
    trainingScores,
    split.training.map((i) => churned[i]!),
  )?.weights;
  return {
    customers: features.length,
    churned: churned.filter(Boolean).length,
    training: count(split.training),
    heldOut: count(split.heldOut),
    current: measure(features, churned, split, current),
    ...(fittedWeights
      ? { fitted: measure(features, churned, split, { ...current, weights: fittedWeights }) }
      : {}),
  };
}

function measure(
  features: readonly HealthFeatures[],
  churned: readonly boolean[],
  split: Split,
  model: ScoringModel,
): HeldOutFigures & { weights: HealthWeights; scoreToChurn: ScoreToChurn } {
  const scoreOf = (i: number) => scoreHealth(features[i]!, model)?.score ?? 50;
  const scoreToChurn = fitScoreToChurn(
    split.training.map(scoreOf),
    split.training.map((i) => churned[i]!),
  );
  const predicted = split.heldOut.map((i) => churnProbability(scoreToChurn, scoreOf(i)));
  return {
    ...figuresOf(
      predicted,
      split.heldOut.map((i) => churned[i]!),
    ),
    weights: model.weights,
    scoreToChurn,
  };
}

export function figuresOf(predicted: readonly number[], actual: readonly boolean[]): HeldOutFigures {
  return {
    rocAuc: rocAuc(predicted, actual),
    prAuc: averagePrecision(predicted, actual),
    brier: brierScore(predicted, actual),
  };
}
