import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One row of a file in the format of `email-intent-parakweet`: `<Yes|No>\t<sentence>`. */
export interface LabelledSentence {
  text: string;
  /** Yes: the sentence asks the reader to do or answer something. */
  ask: boolean;
}

export function readLabelledSentences(file: string): LabelledSentence[] {
  const rows: LabelledSentence[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    const label = line.slice(0, tab).trim();
    const text = line.slice(tab + 1).trim();
    if (tab < 0 || !text || (label !== 'Yes' && label !== 'No')) continue;
    rows.push({ text, ask: label === 'Yes' });
  }
  return rows;
}

/** Every `*.tsv` of a folder (or the one file given), in name order. */
export function datasetFiles(datasetPath: string): string[] {
  if (statSync(datasetPath).isFile()) return [datasetPath];
  return readdirSync(datasetPath)
    .filter((name) => name.endsWith('.tsv'))
    .sort()
    .map((name) => path.join(datasetPath, name));
}

/**
 * Identifies a sentence without keeping it: the classifier's training set is stored as these, so an
 * evaluation can leave out what the classifier saw. Whitespace and case do not change it.
 */
export function sentenceHash(text: string): string {
  const normal = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return createHash('sha256').update(normal).digest('hex').slice(0, 12);
}

/** A stable number 0..folds-1 from the sentence's hash: the same split on every run. */
export function foldOf(hash: string, folds: number): number {
  return Number.parseInt(hash.slice(0, 8), 16) % folds;
}
