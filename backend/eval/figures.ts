export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export interface BinaryFigures extends Confusion {
  precision: number;
  recall: number;
  f1: number;
}

export function confusionOf(predicted: readonly boolean[], actual: readonly boolean[]): Confusion {
  const confusion = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
  predicted.forEach((p, i) => {
    const a = actual[i];
    if (p && a) confusion.truePositives++;
    else if (p) confusion.falsePositives++;
    else if (a) confusion.falseNegatives++;
    else confusion.trueNegatives++;
  });
  return confusion;
}

/** Precision, recall and F1 of the positive class; 0 where a ratio has nothing to divide by. */
export function binaryFigures(confusion: Confusion): BinaryFigures {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = confusion;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...confusion, precision, recall, f1 };
}
