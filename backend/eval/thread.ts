import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import trainingSet from '../ai/providers/local/ask-classifier/training-hashes.json' with { type: 'json' };
import { findAsks } from '../ai/providers/local/asks.ts';
import { loadLocalNlp } from '../ai/providers/local/nlp.ts';
import { type ThreadInput, viewThread } from '../ai/providers/local/thread-messages.ts';
import { DomainError } from '../domain-error.ts';
import { bagOfWordsPredictions, figuresOf, keywordRule, questionMarkRule } from './ask-baselines.ts';
import type { BinaryFigures } from './figures.ts';
import {
  datasetFiles,
  type LabelledSentence,
  readLabelledSentences,
  sentenceHash,
} from './intent-sentences.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const defaultFittingFile = path.resolve(
  repoRoot,
  '../shared/data/email-intent-parakweet/Ask0729-fixed.tsv',
);

export interface ThreadEvalOptions {
  dataset: string;
  /** The file the bag-of-words baseline is fitted on. */
  fittingFile: string;
  /** Score only this many sentences, picked by hash (a stable spread over the files, for quick runs). */
  limit?: number;
}

export const askMethods = {
  local: 'local provider (classifier + rules)',
  questionMark: '"?" rule (ends with ?)',
  keywords: 'keyword rule (please, could you, …)',
  bagOfWords: 'bag-of-words logistic regression',
} as const;

export interface ThreadEvalReport {
  files: number;
  /** Sentences scored: every method on the same ones. */
  scored: number;
  positives: number;
  /** Left out because the local classifier was trained on them. */
  excluded: number;
  /** Scored sentences the bag-of-words baseline predicted by a model fitted without their fold. */
  bagOfWordsCrossFitted: number;
  methods: Record<keyof typeof askMethods, BinaryFigures>;
}

export async function evaluateAskDetection(options: ThreadEvalOptions): Promise<ThreadEvalReport> {
  const files = datasetFiles(options.dataset);
  const rows = files.flatMap(readLabelledSentences);
  const trainedOn = new Set(trainingSet.hashes);
  const unseen = rows.filter((row) => !trainedOn.has(sentenceHash(row.text)));
  const scored = options.limit === undefined ? unseen : sampleByHash(unseen, options.limit);
  const nlp = await loadLocalNlp();
  const texts = scored.map((r) => r.text);
  const local = texts.map((text) => findAsks(viewThread(nlp, asCustomerMessage(text))).length > 0);
  const bagOfWords = bagOfWordsPredictions(readLabelledSentences(options.fittingFile), texts);
  return {
    files: files.length,
    scored: scored.length,
    positives: scored.filter((r) => r.ask).length,
    excluded: rows.length - unseen.length,
    bagOfWordsCrossFitted: bagOfWords.crossFitted,
    methods: {
      local: figuresOf(local, scored),
      questionMark: figuresOf(texts.map(questionMarkRule), scored),
      keywords: figuresOf(texts.map(keywordRule), scored),
      bagOfWords: figuresOf(bagOfWords.predicted, scored),
    },
  };
}

/** The sentence as the whole of a customer's email: the local provider's own path to its asks. */
function asCustomerMessage(text: string): ThreadInput {
  const sentAt = '2026-01-05T09:00:00+00:00';
  return {
    subject: '',
    messages: [{ from: { email: 'customer@example.com', name: 'Customer' }, sentAt, text }],
    ownAddresses: [],
    now: sentAt,
  };
}

function sampleByHash(rows: LabelledSentence[], limit: number): LabelledSentence[] {
  const keyed = rows.map((row, order) => ({ row, order, hash: sentenceHash(row.text) }));
  keyed.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.order - b.order));
  return keyed
    .slice(0, limit)
    .sort((a, b) => a.order - b.order)
    .map((k) => k.row);
}

export function formatThreadEvalTable(report: ThreadEvalReport, fittingFile: string): string {
  const header = ['method', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN', 'TN'];
  const rows = Object.entries(askMethods).map(([key, label]) => {
    const f = report.methods[key as keyof typeof askMethods];
    return [label, f.precision.toFixed(3), f.recall.toFixed(3), f.f1.toFixed(3)].concat(
      [f.truePositives, f.falsePositives, f.falseNegatives, f.trueNegatives].map(String),
    );
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `ask detection (label Yes) on ${report.scored} sentences of ${report.files} file(s), ${report.positives} of them Yes`,
    `excluded: ${report.excluded} sentences the local classifier was trained on`,
    `bag-of-words fitted on ${fittingFile}; ${report.bagOfWordsCrossFitted} scored sentences are in that file ` +
      'and were predicted by 5-fold cross-fitting (a model fitted without their fold)',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}

export async function runThreadEval(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      dataset: { type: 'string' },
      fit: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dataset) throw new DomainError('BAD_REQUEST', 'eval thread needs --dataset DIR');
  const fittingFile = values.fit ?? defaultFittingFile;
  for (const file of [values.dataset, fittingFile])
    if (!existsSync(file)) throw new DomainError('BAD_REQUEST', `eval thread: ${file} does not exist`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new DomainError('BAD_REQUEST', 'eval thread: --limit takes a positive whole number');
  const report = await evaluateAskDetection({ dataset: values.dataset, fittingFile, limit });
  process.stdout.write(
    values.json ? `${JSON.stringify(report)}\n` : formatThreadEvalTable(report, fittingFile),
  );
}
