import type { Sentence } from '../sentences.ts';
import { askFeatureDimensions, askFeatureVector } from './features.ts';
import classifier from './weights.json' with { type: 'json' };

if (classifier.dimensions !== askFeatureDimensions)
  throw new Error(
    'ask classifier: weights.json does not match features.ts; run tools/train-ask-classifier.ts',
  );

export const askThreshold = classifier.threshold;

/** The probability that the sentence asks the reader to do or answer something. */
export function askProbability(sentence: Sentence): number {
  let z = classifier.bias;
  for (const [index, value] of askFeatureVector(sentence)) z += (classifier.weights[index] ?? 0) * value;
  return 1 / (1 + Math.exp(-z));
}
