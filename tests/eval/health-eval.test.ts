import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { evalDataDir } from '../support/eval-data.ts';

const root = path.resolve(import.meta.dirname, '../..');
// The committed copy: every 8th customer of ../shared/data/telco-churn's development file.
const telcoDir = evalDataDir('telco-churn');
const telcoFile = path.join(telcoDir, 'telco_churn_dev_every8th.csv');
const run = promisify(execFile);

function cscx(args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/cscx.js'), ...args], { cwd: root });
}

interface Figures {
  rocAuc: number;
  prAuc: number;
  brier: number;
}

describe('cscx eval health', { timeout: 60_000 }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cscx-eval-health-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints ROC-AUC, PR-AUC and Brier for the default model, the calibrated weights and the baseline', async () => {
    const { stdout } = await cscx(['eval', 'health', '--dataset', telcoDir]);
    expect(stdout).toContain('churn (label Yes) on 632 customers of 1 file(s), 150 churned');
    expect(stdout).toContain('measured on 190 held out (45 churned)');
    expect(stdout).toMatch(/^method\s+ROC-AUC\s+PR-AUC\s+Brier$/m);
    for (const label of ['default model', 'calibrated weights', 'logistic regression on raw columns'])
      expect(stdout).toMatch(new RegExp(`^${label}.*\\s0\\.\\d{3}\\s+0\\.\\d{3}\\s+0\\.\\d{3}$`, 'm'));
    expect(stdout).toMatch(/^calibrated weights: .*renewal \d/m);
  });

  it('gives the figures as one JSON object: calibration ranks churn better than the default weights', async () => {
    const { stdout } = await cscx(['eval', 'health', '--dataset', telcoDir, '--json']);
    const report = JSON.parse(stdout) as {
      customers: number;
      heldOut: { customers: number; churned: number };
      defaultModel: Figures & { weights: Record<string, number> };
      calibrated: Figures & { weights: Record<string, number> };
      baseline: Figures;
      calibratedVsBaselineRocAuc: number;
    };
    expect(report.customers).toBe(632);
    expect(report.heldOut).toEqual({ customers: 190, churned: 45 });
    for (const figures of [report.defaultModel, report.calibrated, report.baseline]) {
      expect(figures.rocAuc).toBeGreaterThan(0.5);
      expect(figures.prAuc).toBeGreaterThan(45 / 190); // above the churn rate: better than a coin
      // below the Brier of always predicting the churn rate, 0.237 · 0.763
      expect(figures.brier).toBeLessThan(0.181);
    }
    expect(report.calibrated.rocAuc).toBeGreaterThan(report.defaultModel.rocAuc);
    expect(report.calibrated.brier).toBeLessThan(report.defaultModel.brier);
    // The file has no tickets, surveys, emails, calls or contacts: those components get no weight.
    expect(report.calibrated.weights).toMatchObject({ support: 0, surveys: 0, sentiment: 0, calls: 0 });
    expect(Object.values(report.calibrated.weights).reduce((sum, w) => sum + w, 0)).toBeCloseTo(100, 0);
    expect(report.calibratedVsBaselineRocAuc).toBeCloseTo(
      report.calibrated.rocAuc - report.baseline.rocAuc,
      12,
    );
  });

  it('reads every CSV file of the folder, and names the line of a bad row', async () => {
    const [header, ...rows] = readFileSync(telcoFile, 'utf8').trimEnd().split('\n');
    writeFileSync(path.join(scratch, 'a.csv'), `${[header, ...rows.slice(0, 300)].join('\n')}\n`);
    writeFileSync(path.join(scratch, 'b.csv'), `${[header, ...rows.slice(300)].join('\n')}\n`);
    writeFileSync(path.join(scratch, 'notes.txt'), 'not a dataset file');
    const { stdout } = await cscx(['eval', 'health', '--dataset', scratch, '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ files: 2, customers: 632, churned: 150 });

    const bad = mkdtempSync(path.join(scratch, 'bad-'));
    copyFileSync(telcoFile, path.join(bad, 'a.csv'));
    writeFileSync(path.join(bad, 'b.csv'), `${header}\n${rows[0]!.replace(/,(Yes|No)$/, ',Maybe')}\n`);
    await expect(cscx(['eval', 'health', '--dataset', bad])).rejects.toMatchObject({
      stderr: expect.stringMatching(/b\.csv line 2: Churn/),
    });
  });
});
