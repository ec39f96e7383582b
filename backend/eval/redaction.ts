import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findPii } from '../ai/redaction/find-pii.ts';
import type { PiiType } from '../ai/redaction/pii-types.ts';
import { DomainError } from '../domain-error.ts';
import { findPiiBaseline } from './redaction-baseline.ts';
import { filesEndingWith, readEnronThreads, readPresidioTexts } from './redaction-datasets.ts';
import { formatRedactionReport } from './redaction-report.ts';
import { type EnronScores, scoreEnron, scorePresidio, type TypeScore } from './redaction-scoring.ts';

export interface RedactionEvalOptions {
  /** A folder (or file) in the format of `presidio-synth-pii`; `*.jsonl` files in it are read as Enron threads. */
  dataset: string;
  /** A folder (or file) in the format of `enron-email-threads`. */
  enron?: string;
  /** At most this many texts (and threads) from each set. */
  limit?: number;
}

export interface RedactionEvalResult {
  texts: number;
  redactor: Record<PiiType, TypeScore>;
  baseline: Record<PiiType, TypeScore>;
  enron?: { threads: number; redactor: EnronScores; baseline: EnronScores };
  timing: { words: number; milliseconds: number; wordsPerSecond: number };
}

export function runRedactionEval(options: RedactionEvalOptions): RedactionEvalResult {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const texts = readPresidioTexts(options.dataset).slice(0, limit);
  const result: RedactionEvalResult = {
    texts: texts.length,
    redactor: scorePresidio(texts, (text) => findPii(text)),
    baseline: scorePresidio(texts, findPiiBaseline),
    timing: { words: 0, milliseconds: 0, wordsPerSecond: 0 },
  };
  const enronPath = options.enron ?? (hasEnronFiles(options.dataset) ? options.dataset : undefined);
  const threads = enronPath ? readEnronThreads(enronPath).slice(0, limit) : [];
  if (enronPath) {
    result.enron = {
      threads: threads.length,
      redactor: scoreEnron(threads, (text) => findPii(text)),
      baseline: scoreEnron(threads, findPiiBaseline),
    };
  }
  result.timing = timeWarm([...texts.map((t) => t.text), ...threads.map((t) => t.text)]);
  return result;
}

/** A second pass over the same texts, the lexicons loaded and the code warm: the request path's cost. */
function timeWarm(texts: readonly string[]): RedactionEvalResult['timing'] {
  const words = texts.reduce((sum, text) => sum + text.split(/\s+/).filter(Boolean).length, 0);
  const started = performance.now();
  for (const text of texts) findPii(text);
  const milliseconds = performance.now() - started;
  return { words, milliseconds, wordsPerSecond: milliseconds > 0 ? (words / milliseconds) * 1000 : 0 };
}

function hasEnronFiles(datasetPath: string): boolean {
  return statSync(datasetPath).isDirectory() && filesEndingWith(datasetPath, '.jsonl').length > 0;
}

/** `cscx eval redaction --dataset DIR [--enron DIR] [--json] [--limit N]` */
export async function evalRedactionFromCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      dataset: { type: 'string' },
      enron: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
    },
  });
  if (!values.dataset) throw new DomainError('BAD_REQUEST', 'eval redaction needs --dataset DIR');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new DomainError('BAD_REQUEST', '--limit takes a positive whole number');
  }
  const result = runRedactionEval({ dataset: values.dataset, enron: values.enron, limit });
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatRedactionReport(result));
}
