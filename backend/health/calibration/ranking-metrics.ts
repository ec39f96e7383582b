/**
 * Ranking and calibration figures for a predicted probability of the positive class (here: churn).
 * Ties are handled exactly: tied predictions count half in ROC-AUC and form one threshold in PR-AUC.
 */

/** ROC-AUC by the rank-sum (Mann–Whitney) formula with mid-ranks for ties; NaN without both classes. */
export function rocAuc(predicted: readonly number[], actual: readonly boolean[]): number {
  const order = Array.from(predicted.keys()).sort((a, b) => predicted[a]! - predicted[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && predicted[order[end + 1]!] === predicted[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (actual[order[k]!]) {
        positives++;
        positiveRankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * PR-AUC as average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct thresholds, highest first (the
 * step-wise sum scikit-learn's `average_precision_score` computes); NaN without a positive.
 */
export function averagePrecision(predicted: readonly number[], actual: readonly boolean[]): number {
  const order = Array.from(predicted.keys()).sort((a, b) => predicted[b]! - predicted[a]!);
  const positives = actual.filter(Boolean).length;
  if (positives === 0) return Number.NaN;
  let truePositives = 0;
  let previousRecall = 0;
  let sum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && predicted[order[end + 1]!] === predicted[order[start]!]) end++;
    for (let k = start; k <= end; k++) if (actual[order[k]!]) truePositives++;
    const recall = truePositives / positives;
    sum += (recall - previousRecall) * (truePositives / (end + 1));
    previousRecall = recall;
    start = end + 1;
  }
  return sum;
}

/** Mean squared difference between the predicted probability and the outcome (0 or 1). */
export function brierScore(predicted: readonly number[], actual: readonly boolean[]): number {
  if (predicted.length === 0) return Number.NaN;
  return predicted.reduce((sum, p, i) => sum + (p - (actual[i] ? 1 : 0)) ** 2, 0) / predicted.length;
}
