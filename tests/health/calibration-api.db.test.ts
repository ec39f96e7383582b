import { beforeAll, describe, expect, it } from 'vitest';
import { calibrateOrgQueue } from '../../backend/health/calibration/job.ts';
import { jobRegistry } from '../../backend/jobs/registry.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg, type Member } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { aBookWithHistory } from './calibration-book.ts';

// A worker that runs only when stepped: the test sees the job queued, then runs it.
const suite = suiteWithApp({ jobs: { ...jobRegistry, start: false } });
const db = () => suite.testDb.database.db;
let org: OrgRef;
let admin: Member;
let csm: Member;

/** Runs queued jobs until the calibration has run (an adoption queues a recompute too). */
async function runCalibrationJob() {
  for (let step = 0; step < 10; step++) {
    const outcome = await suite.app.worker!.runOnce();
    if (outcome.kind === 'idle') break;
    if ('queue' in outcome && outcome.queue === calibrateOrgQueue) return outcome;
  }
  throw new Error('no calibration job ran');
}

beforeAll(async () => {
  org = await anOrg(db());
  admin = await aMember(db(), org, { role: 'admin' });
  csm = await aMember(db(), org, { role: 'csm' });
  await aBookWithHistory(db(), org, 300, 11);
});

describe('calibration over the API', { timeout: 120_000 }, () => {
  it('queues the fit for an admin, and the settings page reads its result when the job is done', async () => {
    const api = suite.app.client(admin.token);
    expect(await api.health.calibration.query()).toBeNull();
    const queued = await api.health.calibrate.mutate();
    expect(queued.enqueued).toBe(true);
    // Asked again while it waits: the same job.
    expect(await api.health.calibrate.mutate()).toEqual({ jobId: queued.jobId, enqueued: false });
    expect(await runCalibrationJob()).toMatchObject({ kind: 'done', jobId: queued.jobId });

    const result = await suite.app.client(csm.token).health.calibration.query();
    expect(result).toMatchObject({
      baseVersion: 1,
      fitted: true,
      adoptedVersion: null,
      heldOutCustomers: 90,
    });
    expect(result!.after.rocAuc!).toBeGreaterThanOrEqual(result!.before.rocAuc!);
  });

  it('lets an admin adopt the fitted weights as a new model version, which the model then reads', async () => {
    const api = suite.app.client(admin.token);
    const latest = await api.health.calibration.query();
    const { model, calibration } = await api.health.adoptCalibration.mutate({});
    expect(model).toMatchObject({
      source: 'calibrated',
      weights: latest!.fittedWeights,
      createdBy: admin.id,
    });
    expect(calibration.adoptedVersion).toBe(model.version);
    expect(await api.health.model.query()).toMatchObject({ version: model.version, source: 'calibrated' });
    expect(await errorOf(api.health.adoptCalibration.mutate({}))).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('is for admins only, and refuses an org without enough outcomes before queueing anything', async () => {
    expect(await errorOf(suite.app.client(csm.token).health.calibrate.mutate())).toMatchObject({
      code: 'FORBIDDEN',
    });
    const empty = await anOrg(db());
    const theirAdmin = await aMember(db(), empty, { role: 'admin' });
    const refused = await errorOf(suite.app.client(theirAdmin.token).health.calibrate.mutate());
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(refused.message).toContain('has 0 churned and 0 renewed');
    // Another org never sees this org's calibration.
    expect(await suite.app.client(theirAdmin.token).health.calibration.query()).toBeNull();
  });
});
