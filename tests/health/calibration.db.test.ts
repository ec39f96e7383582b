import { execFile } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg, type OrgRunner } from '../../backend/db/tenancy.ts';
import { adoptCalibration } from '../../backend/health/calibration/adopt-calibration.ts';
import { calibrateOrg } from '../../backend/health/calibration/calibrate-org.ts';
import { readLatestCalibration } from '../../backend/health/calibration/calibration-output.ts';
import { defaultHealthModel } from '../../backend/health/model/default-model.ts';
import { listModelVersions } from '../../backend/health/models.ts';
import { customerOutcomesTable, healthCalibrations } from '../../backend/health/schema.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { CustomerOutcome } from '../../shared/api/health.ts';
import { aCustomer, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { aBookWithHistory, featuresDay, outcomeDay } from './calibration-book.ts';
import { daysBefore, someSignals } from './signal-builders.ts';

let testDb: TestDatabase;
let db: Db;
const now = new Date('2026-11-20T09:00:00Z');

const runnerOf = (org: OrgRef): OrgRunner => ({
  orgId: org.id,
  inOrg: (work) => inOrg(db, org.id, work),
});

async function anOutcome(org: OrgRef, customerId: string, outcome: CustomerOutcome, at = outcomeDay) {
  await inOrg(db, org.id, (tx) =>
    tx.insert(customerOutcomesTable).values({ orgId: org.id, customerId, outcome, at, source: 'test' }),
  );
}

/** The real CLI, reaching this file's database (the embedded one through its socket: this process owns it). */
function cscx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const target = testDb.url ? { DATABASE_URL: testDb.url } : { CSCX_DATA_DIR: testDb.dataDir };
  return new Promise((resolve) => {
    execFile('node', ['bin/cscx.js', ...args], { env: { ...env, ...target } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
});
afterAll(async () => {
  await testDb?.drop();
});

describe('calibrating an org’s health weights', { timeout: 120_000 }, () => {
  let org: OrgRef;
  beforeAll(async () => {
    org = await anOrg(db);
    await aBookWithHistory(db, org, 400, 5);
  });

  it('fits weights on a split that rank churn at least as well as the default on the held-out customers', async () => {
    const run = await calibrateOrg(runnerOf(org), { createdBy: null, now });
    const { calibration: c } = run;
    expect(run.customers).toBe(400);
    expect(c.trainingCustomers + c.heldOutCustomers).toBe(400);
    expect(c.heldOutCustomers).toBe(120);
    expect(c.baseVersion).toBe(1);
    expect(c.fitted).toBe(true);
    expect(c.after.rocAuc!).toBeGreaterThanOrEqual(c.before.rocAuc!);
    expect(c.after.brier!).toBeLessThanOrEqual(c.before.brier!);
    // The weight moved to what the outcomes follow, away from the steady usage.
    const w = c.fittedWeights;
    expect(w.support + w.surveys).toBeGreaterThan(70);
    expect(w.usage).toBeLessThan(defaultHealthModel.weights.usage);
    // No data for these in the history: nothing to fit them to.
    expect(w).toMatchObject({ sentiment: 0, calls: 0, stakeholders: 0, billing: 0 });
    expect(await inOrg(db, org.id, (tx) => readLatestCalibration(tx, org.id))).toEqual(c);
  });

  it('makes the fitted weights a new model version when adopted, once', async () => {
    const { calibration } = await calibrateOrg(runnerOf(org), { createdBy: null, now });
    const adopted = await inOrg(db, org.id, (tx) =>
      adoptCalibration(tx, { orgId: org.id, adoptedBy: null, now }),
    );
    expect(adopted.model).toMatchObject({
      source: 'calibrated',
      weights: calibration.fittedWeights,
      thresholds: defaultHealthModel.thresholds,
    });
    expect(adopted.calibration).toMatchObject({ id: calibration.id, adoptedVersion: adopted.model.version });
    const versions = await inOrg(db, org.id, (tx) => listModelVersions(tx, org.id, now));
    expect(versions[0]).toMatchObject({ version: adopted.model.version, weights: calibration.fittedWeights });
    await expect(
      inOrg(db, org.id, (tx) => adoptCalibration(tx, { orgId: org.id, adoptedBy: null, now })),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('adopted already') });

    // The next calibration starts from the adopted version.
    const next = await calibrateOrg(runnerOf(org), { createdBy: null, now });
    expect(next.calibration.baseVersion).toBe(adopted.model.version);
  });

  it('prints the table from cscx health calibrate, and --adopt makes the new version', async () => {
    const printed = await cscx(['health', 'calibrate', '--org', org.id]);
    expect(printed.stderr).toBe('');
    expect(printed).toMatchObject({ code: 0 });
    expect(printed.stdout).toContain('on 400 customers with an outcome');
    expect(printed.stdout).toMatch(/^model\s+ROC-AUC\s+PR-AUC\s+Brier$/m);
    expect(printed.stdout).toMatch(/^current model \(version \d+\)\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}$/m);
    expect(printed.stdout).toMatch(/^fitted weights\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}$/m);
    expect(printed.stdout).toContain('adopt it with --adopt');

    const adopted = await cscx(['health', 'calibrate', '--org', org.id, '--adopt', '--json']);
    expect(adopted.stderr).toBe('');
    expect(adopted).toMatchObject({ code: 0 });
    const { calibration } = JSON.parse(adopted.stdout);
    const [latest] = await inOrg(db, org.id, (tx) => listModelVersions(tx, org.id, now));
    expect(latest).toMatchObject({ source: 'calibrated', weights: calibration.fittedWeights });
    expect(calibration.adoptedVersion).toBe(latest!.version);
  });

  it('refuses an org with too few outcomes of either kind, saying how many it has', async () => {
    const small = await anOrg(db);
    await aBookWithHistory(db, small, 12, 9);
    await expect(calibrateOrg(runnerOf(small), { createdBy: null, now })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/at least 10 churned and 10 renewed.*has \d+ churned and \d+ renewed/),
    });
    await expect(
      inOrg(db, small.id, (tx) => adoptCalibration(tx, { orgId: small.id, adoptedBy: null, now })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to adopt weights that ranked the held-out customers clearly worse than the model they would replace', async () => {
    const other = await anOrg(db);
    await inOrg(db, other.id, (tx) =>
      tx.insert(healthCalibrations).values({
        orgId: other.id,
        baseVersion: 1,
        before: { rocAuc: 0.8, prAuc: 0.5, brier: 0.15 },
        after: { rocAuc: 0.7, prAuc: 0.45, brier: 0.17 },
        fittedWeights: { ...defaultHealthModel.weights, usage: 0, support: 60 },
        trainCount: 70,
        testCount: 30,
      }),
    );
    await expect(
      inOrg(db, other.id, (tx) => adoptCalibration(tx, { orgId: other.id, adoptedBy: null, now })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('ROC-AUC 0.700 against 0.800'),
    });
    const versions = await inOrg(db, other.id, (tx) => listModelVersions(tx, other.id, now));
    expect(versions.map((v) => v.source)).toEqual(['default']);
  });

  it('reads each customer’s features a month before the outcome, so what came later cannot leak in', async () => {
    const leaky = await anOrg(db);
    for (let i = 0; i < 40; i++) {
      const churned = i % 2 === 0;
      const customer = await aCustomer(db, leaky, { name: `Leak ${i}`, renewalDate: '2026-09-01' });
      // Everyone looks alike until the last two weeks, when the churners answer NPS 0.
      await someSignals(db, leaky, customer.id, [
        { kind: 'survey.nps', value: 7, observedAt: daysBefore(featuresDay, 20) },
        ...(churned
          ? [{ kind: 'survey.nps' as const, value: 0, observedAt: new Date('2026-08-20T10:00:00Z') }]
          : []),
      ]);
      await anOutcome(leaky, customer.id, churned ? 'churned' : 'renewed');
    }
    const { calibration } = await calibrateOrg(runnerOf(leaky), { createdBy: null, now });
    // Read on the day of the outcome, the NPS 0 answers would tell churners apart perfectly.
    expect(calibration.before.rocAuc).toBe(0.5);
    expect(calibration.after.rocAuc ?? 0.5).toBe(0.5);
    const outcomes = await inOrg(db, leaky.id, (tx) =>
      tx.select().from(customerOutcomesTable).where(eq(customerOutcomesTable.orgId, leaky.id)),
    );
    expect(outcomes).toHaveLength(40);
  });
});
