import { type BinaryFigures, binaryFigures, confusionOf } from './figures.ts';
import { foldOf, type LabelledSentence, sentenceHash } from './intent-sentences.ts';
import { defaultFit, type Features, fitLogisticRegression, probability } from './logistic-regression.ts';

/** The sentence ends with a question mark (closing quotes or brackets after it allowed). */
export function questionMarkRule(text: string): boolean {
  return /\?["')\]]*\s*$/.test(text);
}

const askKeywords =
  /\b(please|pls|kindly|could you|can you|would you|will you|let me know|let us know|do you|are you|is there|would it be possible|need you to|i need|we need|send me|get back to me)\b/i;

export function keywordRule(text: string): boolean {
  return askKeywords.test(text);
}

/**
 * A plain bag-of-words logistic regression fitted on `fitting` (lower-cased words, present or not).
 * A scored sentence that is also in the fitting file is predicted by a model fitted without the
 * fifth of that file it falls in (5-fold cross-fitting by sentence hash); any other sentence by the
 * model fitted on the whole file.
 */
export function bagOfWordsPredictions(
  fitting: LabelledSentence[],
  scored: string[],
): { predicted: boolean[]; crossFitted: number } {
  const folds = 5;
  const vocabulary = new Map<string, number>();
  const featuresOf = (text: string, grow: boolean): Features => {
    const features: Features = new Map();
    for (const word of text.toLowerCase().match(/[a-z0-9']+|\?/g) ?? []) {
      if (grow && !vocabulary.has(word)) vocabulary.set(word, vocabulary.size);
      const index = vocabulary.get(word);
      if (index !== undefined) features.set(index, 1);
    }
    return features;
  };
  const fittingFeatures = fitting.map((row) => featuresOf(row.text, true));
  const fittingFolds = fitting.map((row) => foldOf(sentenceHash(row.text), folds));
  const fitWithout = (fold: number | null) => {
    const keep = fitting.flatMap((_, i) => (fittingFolds[i] === fold ? [] : [i]));
    return fitLogisticRegression(
      keep.map((i) => fittingFeatures[i]!),
      keep.map((i) => fitting[i]!.ask),
      { ...defaultFit, dimensions: vocabulary.size },
    );
  };
  const fittingHashes = new Set(fitting.map((row) => sentenceHash(row.text)));
  const models = new Map<number | null, ReturnType<typeof fitWithout>>();
  const modelFor = (fold: number | null) => {
    const model = models.get(fold) ?? fitWithout(fold);
    models.set(fold, model);
    return model;
  };
  let crossFitted = 0;
  const predicted = scored.map((text) => {
    const hash = sentenceHash(text);
    const inFitting = fittingHashes.has(hash);
    if (inFitting) crossFitted++;
    return probability(modelFor(inFitting ? foldOf(hash, folds) : null), featuresOf(text, false)) >= 0.5;
  });
  return { predicted, crossFitted };
}

export function figuresOf(predicted: boolean[], rows: LabelledSentence[]): BinaryFigures {
  return binaryFigures(
    confusionOf(
      predicted,
      rows.map((r) => r.ask),
    ),
  );
}
