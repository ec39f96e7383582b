import { describe, expect, it } from 'vitest';
import {
  type ComponentScores,
  fitComponentWeights,
} from '../../backend/health/calibration/fit-component-weights.ts';
import { fitLogistic, logisticProbability } from '../../backend/health/calibration/logistic-fit.ts';
import { averagePrecision, brierScore, rocAuc } from '../../backend/health/calibration/ranking-metrics.ts';
import { seededRandom } from '../../backend/health/calibration/seeded-random.ts';
import { stratifiedSplit } from '../../backend/health/calibration/stratified-split.ts';
import { healthComponents } from '../../shared/api/health.ts';

describe('ROC-AUC', () => {
  it('counts the share of positive–negative pairs ranked the right way', () => {
    // pairs: 0.35 beats 0.1 but not 0.4; 0.8 beats both → 3 of 4
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(0.75, 12);
  });

  it('counts a tied pair as half', () => {
    // 0.5 vs 0.2 → 1, 0.5 vs 0.5 → ½, 0.9 vs both → 2: 3.5 of 4
    expect(rocAuc([0.2, 0.5, 0.5, 0.9], [false, true, false, true])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0.3, 0.3, 0.3, 0.3], [true, false, true, false])).toBeCloseTo(0.5, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, and undefined with one class', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
  });
});

describe('average precision (PR-AUC)', () => {
  it('sums precision at each recall step, highest score first', () => {
    // ranks: 0.8 (+) P=1 R=½; 0.4 (−); 0.35 (+) P=⅔ R=1 → ½·1 + ½·⅔
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(5 / 6, 12);
  });

  it('takes tied scores as one threshold', () => {
    expect(averagePrecision([0.3, 0.3, 0.3, 0.3], [true, false, false, false])).toBeCloseTo(0.25, 12);
    // 0.9 (+) P=1 R=⅓; the tie {0.5 +, 0.5 −} P=⅔ R=⅔; 0.1 (+) P=¾ R=1
    const ap = averagePrecision([0.9, 0.5, 0.5, 0.1], [true, true, false, true]);
    expect(ap).toBeCloseTo((1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 4), 12);
  });
});

describe('Brier score', () => {
  it('is the mean squared error of the probabilities', () => {
    expect(brierScore([0.1, 0.9, 0.8, 0.3], [false, true, true, false])).toBeCloseTo(0.0375, 12);
    expect(brierScore([1, 0], [true, false])).toBe(0);
  });
});

describe('logistic regression', () => {
  it('finds the log-odds of each group for one binary column, unpenalised', () => {
    // x = 0: 1 churned of 4 → log(1/3); x = 1: 3 of 4 → log 3, so the coefficient is 2·log 3
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels = [true, false, false, false, true, true, true, false];
    const fit = fitLogistic(rows, labels, { l2: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 3), 6);
    expect(fit.coefficients[0]).toBeCloseTo(2 * Math.log(3), 6);
    expect(logisticProbability(fit, [1])).toBeCloseTo(0.75, 6);
  });

  it('shrinks the coefficients toward 0 under an L2 penalty, never the intercept alone', () => {
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels = [true, false, false, false, true, true, true, false];
    const free = fitLogistic(rows, labels, { l2: 0 }).coefficients[0]!;
    const penalised = fitLogistic(rows, labels, { l2: 0.5 }).coefficients[0]!;
    expect(penalised).toBeGreaterThan(0);
    expect(penalised).toBeLessThan(free * 0.7);
  });

  it('recovers known weights on a synthetic set, and gives the same weights on every run', () => {
    const { rows, labels } = synthetic(20_000, [1.5, -1, 0.5], -0.5, 7);
    const fit = fitLogistic(rows, labels, { l2: 0 });
    expect(fit.coefficients[0]).toBeCloseTo(1.5, 1);
    expect(fit.coefficients[1]).toBeCloseTo(-1, 1);
    expect(fit.coefficients[2]).toBeCloseTo(0.5, 1);
    expect(fit.intercept).toBeCloseTo(-0.5, 1);
    expect(fitLogistic(rows, labels, { l2: 0 })).toEqual(fit);
  });

  it('holds at 0 a coefficient the data push below it when asked for non-negative weights', () => {
    const { rows, labels } = synthetic(20_000, [1.5, -1, 0.5], -0.5, 11);
    const fit = fitLogistic(rows, labels, { l2: 0, nonNegative: true });
    expect(fit.coefficients[1]).toBe(0);
    expect(fit.coefficients[0]).toBeGreaterThan(1);
    expect(fit.coefficients[2]).toBeGreaterThan(0.2);
    // the constraint can only cost fit
    expect(fit.objective).toBeGreaterThanOrEqual(fitLogistic(rows, labels, { l2: 0 }).objective);
  });
});

describe('stratified split', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => i % 4 === 0); // 250 positives

  it('keeps each class’s share in both parts and puts every row in exactly one', () => {
    const { training, heldOut } = stratifiedSplit(labels, 0.3, 42);
    expect(heldOut.filter((i) => labels[i]).length).toBe(75);
    expect(heldOut.length).toBe(300);
    expect(new Set([...training, ...heldOut]).size).toBe(1000);
    expect(training.length + heldOut.length).toBe(1000);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    expect(stratifiedSplit(labels, 0.3, 42)).toEqual(stratifiedSplit(labels, 0.3, 42));
    expect(stratifiedSplit(labels, 0.3, 43).heldOut).not.toEqual(stratifiedSplit(labels, 0.3, 42).heldOut);
  });
});

/** Rows of uniform [−1, 1] columns, each label drawn from the logistic model with these weights. */
function synthetic(n: number, weights: number[], intercept: number, seed: number) {
  const random = seededRandom(seed);
  const rows = Array.from({ length: n }, () => weights.map(() => random() * 2 - 1));
  const labels = rows.map((row) => {
    const z = intercept + row.reduce((sum, x, j) => sum + x * weights[j]!, 0);
    return random() < 1 / (1 + Math.exp(-z));
  });
  return { rows, labels };
}

describe('fitting component weights', () => {
  const truth = { usage: 50, support: 30, surveys: 20 };

  /** Customers whose churn follows the score under `truth`, surveys missing for some (the score re-weights). */
  function customersScoredBy(n: number, seed: number, surveysMissingShare: number, low = 0) {
    const random = seededRandom(seed);
    const rows: ComponentScores[] = [];
    const churned: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const scores = Object.fromEntries(healthComponents.map((c) => [c, null])) as ComponentScores;
      const draw = () => low + random() * (100 - low);
      scores.usage = draw();
      scores.support = draw();
      scores.surveys = random() < surveysMissingShare ? null : draw();
      const present = (['usage', 'support', 'surveys'] as const).filter((c) => scores[c] !== null);
      const weight = present.reduce((sum, c) => sum + truth[c], 0);
      const score = present.reduce((sum, c) => sum + truth[c] * scores[c]!, 0) / weight;
      rows.push(scores);
      churned.push(random() < 1 / (1 + Math.exp(-(-1 + 4 * ((50 - score) / 50)))));
    }
    return { rows, churned };
  }

  it('recovers the weights a synthetic book was scored with, and gives no weight to components without data', () => {
    const { rows, churned } = customersScoredBy(20_000, 21, 0);
    const { weights } = fitComponentWeights(rows, churned)!;
    expect(Math.abs(weights.usage - 50)).toBeLessThan(4);
    expect(Math.abs(weights.support - 30)).toBeLessThan(4);
    expect(Math.abs(weights.surveys - 20)).toBeLessThan(4);
    expect(weights).toMatchObject({
      sentiment: 0,
      calls: 0,
      engagement: 0,
      stakeholders: 0,
      renewal: 0,
      billing: 0,
    });
  });

  it('recovers them too when a component is missing for some customers and the score re-weights the rest', () => {
    // Scores of 40–100: a missing component is not a neutral 50 but the mean of the others.
    const { rows, churned } = customersScoredBy(20_000, 22, 0.4, 40);
    const { weights } = fitComponentWeights(rows, churned)!;
    expect(Math.abs(weights.usage - 50)).toBeLessThan(3);
    expect(Math.abs(weights.support - 30)).toBeLessThan(3);
    expect(Math.abs(weights.surveys - 20)).toBeLessThan(3);
  });

  it('fits nothing when no component tells churn apart', () => {
    const random = seededRandom(5);
    const rows = Array.from({ length: 500 }, () => {
      const scores = Object.fromEntries(healthComponents.map((c) => [c, null])) as ComponentScores;
      scores.renewal = 60;
      return scores;
    });
    expect(
      fitComponentWeights(
        rows,
        rows.map(() => random() < 0.3),
      ),
    ).toBeUndefined();
  });
});
