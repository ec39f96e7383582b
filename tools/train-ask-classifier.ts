/**
 * Trains the local provider's ask classifier (is a sentence a request or question to the reader?)
 * and writes its weights and the hashes of the sentences it was trained on.
 *
 *   node bin/run-ts.js tools/train-ask-classifier.ts [FILE.tsv]
 *
 * Data: `../shared/data/email-intent-parakweet/Ask0729-fixed.tsv` (Parakweet Labs, Apache-2.0), read
 * at run time and never copied. A fifth of it, chosen by the hash of each sentence, is held out: the
 * script reports the figures on it, and `cscx eval thread` scores the classifier on it and on any
 * other sentence it was not trained on. The L2 penalty is picked by 5-fold cross-validation inside
 * the training part. Same file in, same weights out.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  askFeatureDimensions,
  askFeatureVector,
} from '../backend/ai/providers/local/ask-classifier/features.ts';
import { asWholeSentence } from '../backend/ai/providers/local/ask-classifier/whole-sentence.ts';
import { loadLocalNlp } from '../backend/ai/providers/local/nlp.ts';
import { splitSentences } from '../backend/ai/providers/local/sentences.ts';
import { binaryFigures, type Confusion, confusionOf } from '../backend/eval/figures.ts';
import {
  foldOf,
  type LabelledSentence,
  readLabelledSentences,
  sentenceHash,
} from '../backend/eval/intent-sentences.ts';
import {
  defaultFit,
  type Features,
  fitLogisticRegression,
  type LogisticModel,
  probability,
} from '../backend/eval/logistic-regression.ts';

const root = path.resolve(import.meta.dirname, '..');
const source =
  process.argv[2] ?? path.resolve(root, '../shared/data/email-intent-parakweet/Ask0729-fixed.tsv');
const outputDir = path.join(root, 'backend/ai/providers/local/ask-classifier');
const holdoutFold = 0;
const folds = 5;
const threshold = 0.5;
const penalties = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2];

const nlp = await loadLocalNlp();
const rows = readLabelledSentences(source).map((row) => ({ ...row, hash: sentenceHash(row.text) }));
const heldOutHashes = new Set(rows.filter((r) => foldOf(r.hash, folds) === holdoutFold).map((r) => r.hash));
// A sentence that occurs twice stays on one side of the split: it is held out if either copy is.
const training = rows.filter((r) => !heldOutHashes.has(r.hash));
const heldOut = rows.filter((r) => heldOutHashes.has(r.hash));
const featuresOf = (row: LabelledSentence): Features =>
  askFeatureVector(asWholeSentence(row.text, splitSentences(nlp, row.text)));
const trainingFeatures = training.map(featuresOf);
const trainingLabels = training.map((r) => r.ask);

function trainOn(indices: number[], l2: number): LogisticModel {
  return fitLogisticRegression(
    indices.map((i) => trainingFeatures[i]!),
    indices.map((i) => trainingLabels[i]!),
    { ...defaultFit, l2, dimensions: askFeatureDimensions },
  );
}

function crossValidated(l2: number): Confusion {
  const predicted: boolean[] = new Array(training.length);
  for (let fold = 1; fold < folds + 1; fold++) {
    // Folds 1..5 of a second hash split, so they do not line up with the held-out fifth.
    const inFold = training.map((r) => foldOf(r.hash.slice(4), folds) === fold - 1);
    const model = trainOn(
      training.flatMap((_, i) => (inFold[i] ? [] : [i])),
      l2,
    );
    training.forEach((_, i) => {
      if (inFold[i]) predicted[i] = probability(model, trainingFeatures[i]!) >= threshold;
    });
  }
  return confusionOf(predicted, trainingLabels);
}

let best = { l2: penalties[0]!, f1: -1 };
for (const l2 of penalties) {
  const figures = binaryFigures(crossValidated(l2));
  console.log(
    `l2 ${l2}: 5-fold F1 ${figures.f1.toFixed(3)} (P ${figures.precision.toFixed(3)} R ${figures.recall.toFixed(3)})`,
  );
  if (figures.f1 > best.f1) best = { l2, f1: figures.f1 };
}
const model = trainOn(
  training.map((_, i) => i),
  best.l2,
);
const heldOutFigures = binaryFigures(
  confusionOf(
    heldOut.map((r) => probability(model, featuresOf(r)) >= threshold),
    heldOut.map((r) => r.ask),
  ),
);
console.log(
  `trained on ${training.length} sentences with l2 ${best.l2}; held out ${heldOut.length}: ` +
    `P ${heldOutFigures.precision.toFixed(3)} R ${heldOutFigures.recall.toFixed(3)} F1 ${heldOutFigures.f1.toFixed(3)}`,
);

const round = (x: number) => Math.round(x * 1e4) / 1e4;
writeFileSync(
  path.join(outputDir, 'weights.json'),
  `${JSON.stringify({
    about:
      'Logistic regression over hashed sentence features (features.ts), trained by tools/train-ask-classifier.ts ' +
      `on ${training.length} sentences of email-intent-parakweet/Ask0729-fixed.tsv (Parakweet Labs, Apache-2.0); ` +
      'the fifth of the file whose sentence hash falls in fold 0 was held out. No sentence text is stored.',
    dimensions: askFeatureDimensions,
    l2: best.l2,
    threshold,
    bias: round(model.bias),
    weights: Array.from(model.weights, round),
  })}\n`,
);
writeFileSync(
  path.join(outputDir, 'training-hashes.json'),
  `${JSON.stringify({
    about:
      'sentenceHash() of each sentence the ask classifier was trained on, so an evaluation can leave them out.',
    hashes: [...new Set(training.map((r) => r.hash))].sort(),
  })}\n`,
);
// Written the way Biome formats JSON, so a second run reproduces the committed files byte for byte.
execFileSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', outputDir], {
  stdio: 'inherit',
});
