import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rougeL, rougeN, rougeTokens } from '../../backend/eval/meetings-rouge.ts';
import { evalDataDir } from '../support/eval-data.ts';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const dataset = evalDataDir('qmsum');

function cscx(args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/cscx.js'), ...args], { cwd: root });
}

describe('ROUGE as rouge-score computes it', () => {
  // The example of Google's rouge-score README: rouge1 P 0.75, R 0.6667, F 0.7059; rougeL P 0.625, R 0.5556, F 0.5882.
  const reference = rougeTokens('The quick brown fox jumps over the lazy dog');
  const candidate = rougeTokens('The quick brown dog jumps on the log.');

  it('gives the published ROUGE-1 and ROUGE-L of the README example', () => {
    expect(rougeN(candidate, reference, 1)).toMatchObject({
      precision: 0.75,
      recall: expect.closeTo(0.6667, 4),
      f1: expect.closeTo(0.7059, 4),
    });
    expect(rougeL(candidate, reference)).toMatchObject({
      precision: 0.625,
      recall: expect.closeTo(0.5556, 4),
      f1: expect.closeTo(0.5882, 4),
    });
  });

  it('counts bigrams: "the quick" and "quick brown" of 7 and 8', () => {
    const score = rougeN(candidate, reference, 2);
    expect(score.precision).toBeCloseTo(2 / 7, 6);
    expect(score.recall).toBeCloseTo(2 / 8, 6);
  });

  it('stems words longer than three letters and splits on anything but letters and digits', () => {
    expect(rougeTokens('Decided: the buttons, running-late!')).toEqual([
      'decid',
      'the',
      'button',
      'run',
      'late',
    ]);
    expect(rougeN(rougeTokens('runs'), rougeTokens('running'), 1).f1).toBe(1);
  });
});

describe('cscx eval meetings', { timeout: 120_000 }, () => {
  it('prints a row per summariser and the evidence recall', async () => {
    const { stdout } = await cscx(['eval', 'meetings', '--dataset', dataset]);
    expect(stdout).toContain('whole-meeting summaries of 3 meeting(s)');
    for (const label of ['local provider', 'lead-k (first sentences)', 'TextRank'])
      expect(stdout).toMatch(
        new RegExp(
          `^${label.replace(/[()]/g, '\\$&')}.*\\s\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d\\s+\\d\\.\\d\\d$`,
          'm',
        ),
      );
    expect(stdout).toMatch(/evidence recall: \d+ of 3 decision and action queries/);
  });

  it('prints one JSON object with ROUGE in points and the length ratio for each summariser', async () => {
    const { stdout } = await cscx(['eval', 'meetings', '--dataset', dataset, '--json']);
    const report = JSON.parse(stdout);
    expect(report.meetings).toBe(3);
    expect(report.evidence.queries).toBe(3);
    // The chance a blind citer has, citing as many turns at random: above nothing, below certainty.
    expect(report.evidence.blindRecall).toBeGreaterThan(0);
    expect(report.evidence.blindRecall).toBeLessThan(1);
    for (const method of ['local', 'lead', 'textRank']) {
      const figures = report.methods[method];
      expect(figures.rouge1).toBeGreaterThan(10);
      expect(figures.rouge1).toBeLessThan(100);
      expect(figures.rouge2).toBeLessThan(figures.rouge1);
      expect(figures.lengthRatio).toBeGreaterThan(0.3);
    }
  });

  it('refuses a folder without QMSum files', async () => {
    const transcripts = path.join(root, 'tests/fixtures/transcripts');
    await expect(cscx(['eval', 'meetings', '--dataset', transcripts])).rejects.toMatchObject({
      stderr: expect.stringContaining('no .json files'),
    });
  });
});
