import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateStyleLearning,
  formatStyleEvalTable,
  type StyleEvalReport,
} from '../../backend/eval/style.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let testDb: TestDatabase;
let report: StyleEvalReport;

beforeAll(async () => {
  testDb = await createTestDatabase();
  // The real path in-process: drafts.generate with the local provider, then drafts.recordSent.
  report = await evaluateStyleLearning({ seeds: 3, rounds: 10 }, testDb.database);
}, 180_000);

afterAll(async () => {
  await testDb?.drop();
});

describe('cscx eval style', () => {
  it('shows the edit distance falling as three scripted CSMs send ten drafts each', () => {
    expect(report.perRound.map((r) => r.round)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(report.perSeed.map((s) => s.distances.length)).toEqual([10, 10, 10]);
    expect(report.target.firstRound).toBeGreaterThan(0.05);
    expect(report.target.lastRoundsMean).toBeLessThan(0.75 * report.target.firstRound);
    expect(report.target.lastRoundsMean).toBeCloseTo(
      (report.perRound[7]!.mean + report.perRound[8]!.mean + report.perRound[9]!.mean) / 3,
      10,
    );
  });

  it('learns each CSM’s own greeting along the way, which their habits name', () => {
    for (const seed of report.perSeed) {
      const greeting = /^"([^"]+)"/.exec(seed.habits)?.[1];
      expect(seed.learned).toContain(`Opens with “${greeting}”`);
    }
  });

  it('prints the rounds as a table with the target’s verdict', () => {
    const table = formatStyleEvalTable(report);
    expect(table).toMatch(/^round\s+mean\s+min\s+max$/m);
    expect(table).toMatch(/^\s+10\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}$/m);
    expect(table).toMatch(/^target: mean of rounds 8–10 = \d\.\d{3} ≤ half of round 1 .*: (met|NOT met)$/m);
  });

  it('is registered in the CLI and says what a bad option should be', async () => {
    const failed = await run(
      process.execPath,
      [path.join(root, 'bin/cscx.js'), 'eval', 'style', '--seeds', '0'],
      {
        cwd: root,
      },
    ).then(
      () => undefined,
      (error: { stderr: string }) => error,
    );
    expect(failed?.stderr).toContain('eval style: --seeds takes a whole number from 1 to 200');
  });

  it('runs held-out CSMs from another first seed', async () => {
    const heldOut = await evaluateStyleLearning({ seeds: 1, rounds: 4, firstSeed: 101 }, testDb.database);
    expect(heldOut.perSeed.map((s) => s.seed)).toEqual([101]);
    expect(formatStyleEvalTable(heldOut)).toContain('(seeds 101–101)');
  });
});
