import type { CalibrationFigures, HealthCalibration } from '../../../shared/api/health-calibration.ts';
import type { OrgRunner } from '../../db/tenancy.ts';
import { DomainError } from '../../domain-error.ts';
import { readCurrentModel, scoringModel } from '../models.ts';
import { healthCalibrations } from '../schema.ts';
import { calibrationOutput } from './calibration-output.ts';
import { compareModels, defaultSplit, type HeldOutFigures, type SplitOptions } from './compare-models.ts';
import { readOutcomeFeatures } from './outcome-features.ts';

/** Fewer than this many of either outcome and the held-out part cannot say anything. */
export const minimumPerOutcome = 10;

export interface CalibrateOrgInput {
  createdBy: string | null;
  now: Date;
  split?: SplitOptions;
}

export interface OrgCalibrationRun {
  calibration: HealthCalibration;
  customers: number;
  churned: number;
  heldOutChurned: number;
}

/**
 * Fits the component weights to the org's outcomes and stores the figures before and after on the
 * held-out customers. Reads in short transactions, fits with none open, writes in one more.
 */
export async function calibrateOrg(runner: OrgRunner, input: CalibrateOrgInput): Promise<OrgCalibrationRun> {
  const current = await runner.inOrg((tx) => readCurrentModel(tx, runner.orgId, input.now));
  const { features, churned } = await readOutcomeFeatures(runner);
  const churnedCount = churned.filter(Boolean).length;
  refuseTooFewOutcomes({ churned: churnedCount, renewed: churned.length - churnedCount });
  const comparison = compareModels(features, churned, scoringModel(current), input.split ?? defaultSplit);
  const [row] = await runner.inOrg((tx) =>
    tx
      .insert(healthCalibrations)
      .values({
        orgId: runner.orgId,
        baseVersion: current.version,
        before: stored(comparison.current),
        after: comparison.fitted ? stored(comparison.fitted) : { rocAuc: null, prAuc: null, brier: null },
        fittedWeights: comparison.fitted?.weights ?? current.weights,
        trainCount: comparison.training.customers,
        testCount: comparison.heldOut.customers,
        createdBy: input.createdBy,
        createdAt: input.now,
      })
      .returning(),
  );
  if (!row) throw new Error('the calibration was not stored');
  return {
    calibration: calibrationOutput(row),
    customers: comparison.customers,
    churned: comparison.churned,
    heldOutChurned: comparison.heldOut.churned,
  };
}

/** Fewer than `minimumPerOutcome` of either kind: a clear refusal instead of figures that mean nothing. */
export function refuseTooFewOutcomes(counts: { churned: number; renewed: number }): void {
  if (Math.min(counts.churned, counts.renewed) >= minimumPerOutcome) return;
  throw new DomainError(
    'BAD_REQUEST',
    `calibration needs at least ${minimumPerOutcome} churned and ${minimumPerOutcome} renewed customers ` +
      `(record outcomes with health.recordOutcome); this org has ${counts.churned} churned and ${counts.renewed} renewed`,
  );
}

function stored(figures: HeldOutFigures): CalibrationFigures {
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return { rocAuc: finite(figures.rocAuc), prAuc: finite(figures.prAuc), brier: finite(figures.brier) };
}
