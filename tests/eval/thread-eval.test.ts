import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import trainingSet from '../../backend/ai/providers/local/ask-classifier/training-hashes.json' with {
  type: 'json',
};
import { readLabelledSentences, sentenceHash } from '../../backend/eval/intent-sentences.ts';
import { evalDataDir } from '../support/eval-data.ts';

const root = path.resolve(import.meta.dirname, '../..');
// The committed copy of ../shared/data/email-intent-parakweet; the baseline is fitted on it too.
const sharedDir = evalDataDir('email-intent-parakweet');
const sharedFile = path.join(sharedDir, 'Ask0729-fixed.tsv');
const run = promisify(execFile);

function cscx(args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/cscx.js'), ...args], { cwd: root });
}

interface Figures {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

describe('cscx eval thread', { timeout: 60_000 }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cscx-eval-thread-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints the figures as one JSON object, the local detector ahead of the "?" rule', async () => {
    const { stdout } = await cscx([
      'eval',
      'thread',
      '--dataset',
      sharedDir,
      '--fit',
      sharedFile,
      '--limit',
      '400',
      '--json',
    ]);
    const report = JSON.parse(stdout) as {
      scored: number;
      excluded: number;
      bagOfWordsCrossFitted: number;
      methods: Record<'local' | 'questionMark' | 'keywords' | 'bagOfWords', Figures>;
    };
    expect(report.scored).toBe(400);
    expect(report.excluded).toBe(readLabelledSentences(sharedFile).length - heldOutHashes().length);
    // The shared file is the one the baseline is fitted on: every sentence is scored by cross-fitting.
    expect(report.bagOfWordsCrossFitted).toBe(400);
    for (const figures of Object.values(report.methods)) {
      const { truePositives, falsePositives, falseNegatives, trueNegatives } = figures;
      expect(truePositives + falsePositives + falseNegatives + trueNegatives).toBe(400);
    }
    expect(report.methods.local.f1).toBeGreaterThan(report.methods.questionMark.f1 + 0.2);
    expect(report.methods.local.f1).toBeGreaterThan(0.7);
  });

  it('prints a table of precision, recall and F1 for each method', async () => {
    const { stdout } = await cscx([
      'eval',
      'thread',
      '--dataset',
      sharedDir,
      '--fit',
      sharedFile,
      '--limit',
      '200',
    ]);
    expect(stdout).toContain('ask detection (label Yes) on 200 sentences');
    expect(stdout).toMatch(/^method\s+precision\s+recall\s+F1\s+TP\s+FP\s+FN\s+TN$/m);
    for (const label of ['local provider', '"?" rule', 'keyword rule', 'bag-of-words logistic regression'])
      expect(stdout).toMatch(
        new RegExp(`^${label.replace(/[?"]/g, '.')}.*\\s0\\.\\d{3}\\s+0\\.\\d{3}\\s+0\\.\\d{3}\\s`, 'm'),
      );
  });

  it('scores a folder of new sentences in full, leaving out only those the classifier was trained on', async () => {
    const seen = readLabelledSentences(sharedFile).find((row) =>
      trainingSet.hashes.includes(sentenceHash(row.text)),
    )!;
    const rows = [
      'Yes\tCould you send over the signed order form by Thursday?',
      'Yes\tPlease add Maria to the renewal call.',
      'No\tWe finished the migration last night.',
      'No\tThe team is out for the holidays next week.',
      `${seen.ask ? 'Yes' : 'No'}\t${seen.text}`,
    ];
    writeFileSync(path.join(scratch, 'new.tsv'), `${rows.join('\n')}\n`);
    writeFileSync(path.join(scratch, 'notes.txt'), 'not a dataset file');
    const { stdout } = await cscx(['eval', 'thread', '--dataset', scratch, '--fit', sharedFile, '--json']);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      files: 1,
      scored: 4,
      positives: 2,
      excluded: 1,
      bagOfWordsCrossFitted: 0,
    });
    expect(report.methods.local).toMatchObject({ truePositives: 2, falsePositives: 0 });
  });

  it('says which evaluations exist when the name is unknown', async () => {
    await expect(cscx(['eval', 'nonsense'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('thread'),
    });
  });
});

function heldOutHashes(): string[] {
  const trained = new Set(trainingSet.hashes);
  return readLabelledSentences(sharedFile)
    .map((row) => sentenceHash(row.text))
    .filter((hash) => !trained.has(hash));
}

it('the classifier’s committed files hold no sentence of the data it was trained on', () => {
  const committed = ['weights.json', 'training-hashes.json'].map((name) =>
    readFileSync(path.join(root, 'backend/ai/providers/local/ask-classifier', name), 'utf8'),
  );
  const long = readLabelledSentences(sharedFile).filter((row) => row.text.length >= 20);
  for (const text of committed) expect(long.filter((row) => text.includes(row.text))).toEqual([]);
});
