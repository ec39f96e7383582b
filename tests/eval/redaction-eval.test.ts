import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { RedactionEvalResult } from '../../backend/eval/redaction.ts';
import { evalDataDir } from '../support/eval-data.ts';

const root = path.resolve(import.meta.dirname, '../..');
const presidioDir = evalDataDir('presidio-synth-pii');
const run = promisify(execFile);

function cscx(args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/cscx.js'), ...args], { cwd: root });
}

/** One record in the format of presidio-synth-pii, spans given by their text. */
function record(text: string, spans: [string, string][]) {
  return {
    full_text: text,
    spans: spans.map(([entity_type, value]) => {
      const start = text.indexOf(value);
      return { entity_type, start_position: start, end_position: start + value.length };
    }),
  };
}

describe('cscx eval redaction', { timeout: 60_000 }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cscx-eval-redaction-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('meets the targets for structured data on a slice of the shared set, and beats the baseline on names and addresses', async () => {
    const { stdout } = await cscx([
      'eval',
      'redaction',
      '--dataset',
      presidioDir,
      '--limit',
      '300',
      '--json',
    ]);
    const report = JSON.parse(stdout) as RedactionEvalResult;
    expect(report.texts).toBe(300);
    for (const type of ['email', 'phone', 'card', 'iban', 'id'] as const) {
      const score = report.redactor[type];
      expect(score.gold, type).toBeGreaterThan(0);
      expect(score.exact.recall, type).toBeGreaterThanOrEqual(0.95);
      expect(score.exact.precision, type).toBeGreaterThanOrEqual(0.9);
    }
    for (const type of ['person', 'address'] as const) {
      const [ours, baseline] = [report.redactor[type], report.baseline[type]];
      expect(ours.exact.precision, type).toBeGreaterThan(baseline.exact.precision + 0.3);
      expect(ours.exact.recall, type).toBeGreaterThan(0.75);
      expect(ours.overlap.precision, type).toBeGreaterThan(0.9);
    }
  });

  it('prints a table per type beside the baseline, and real-mail recall from Enron-style files', async () => {
    const synthetic = [
      record('Hi Marek, my card 4539 1488 0343 6467 expires.', [
        ['PERSON', 'Marek'],
        ['CREDIT_CARD', '4539 1488 0343 6467'],
      ]),
      record('Write to dana@example.org or visit 221 Baker Street, London.', [
        ['EMAIL_ADDRESS', 'dana@example.org'],
        ['STREET_ADDRESS', '221 Baker Street'],
        ['GPE', 'London'],
      ]),
      record('Acme Inc. renewed in April.', [['ORGANIZATION', 'Acme Inc.']]),
    ];
    writeFileSync(path.join(scratch, 'slice.json'), JSON.stringify(synthetic));
    const thread = 'From : Dunton , Heather\nHeather ,\nDid you attach the file ?\nThanks ,\nPhillip';
    const mention = (text: string, at: number) => ({
      start: thread.indexOf(text, at),
      end: thread.indexOf(text, at) + text.length,
      text,
      type: 'PER',
      is_pronoun: false,
    });
    const enron = {
      thread_id: 't1',
      text: thread,
      mentions: [mention('Dunton , Heather', 0), mention('Heather', 20), mention('Phillip', 0)],
    };
    writeFileSync(path.join(scratch, 'threads.jsonl'), `${JSON.stringify(enron)}\n`);

    const { stdout } = await cscx(['eval', 'redaction', '--dataset', scratch]);
    expect(stdout).toContain('PII redaction on 3 texts');
    expect(stdout).toMatch(/^type\s+\|\s+gold \| pred\s+exP\s+exR\s+ovP\s+ovR\s+leak \| pred/m);
    expect(stdout).toMatch(/^person\s+\|\s+1 \|\s+1\s+100\.0\s+100\.0 /m);
    expect(stdout).toMatch(/^address\s+\|\s+1 \|\s+1\s+100\.0\s+100\.0 /m);
    expect(stdout).toContain('Real mail: 1 Enron threads');
    expect(stdout).toMatch(/^PER capitalised\s+\|\s+3 \|\s+100\.0\s+100\.0\s+0\.0 \|/m);
    expect(stdout).toMatch(/^time: \d+ words in \d+ ms/m);

    const { stdout: json } = await cscx(['eval', 'redaction', '--dataset', scratch, '--json']);
    const report = JSON.parse(json) as RedactionEvalResult;
    expect(report.redactor.card).toMatchObject({
      gold: 1,
      predicted: 1,
      exact: { precision: 1, recall: 1 },
      leaked: 0,
    });
    // The company is not ours, and a place is an address's part here: neither is a false positive.
    expect(report.redactor.person.predicted).toBe(1);
    expect(report.enron?.redactor.groups['PER capitalised']).toMatchObject({ mentions: 3, exactRecall: 1 });
  });

  it('refuses a run without a dataset or with a bad limit', async () => {
    await expect(cscx(['eval', 'redaction'])).rejects.toMatchObject({
      stderr: expect.stringContaining('--dataset'),
    });
    await expect(cscx(['eval', 'redaction', '--dataset', scratch, '--limit', 'x'])).rejects.toMatchObject({
      stderr: expect.stringContaining('--limit'),
    });
  });
});
