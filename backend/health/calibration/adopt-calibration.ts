import { and, desc, eq } from 'drizzle-orm';
import type { HealthModel } from '../../../shared/api/health.ts';
import type { HealthCalibration } from '../../../shared/api/health-calibration.ts';
import type { Db } from '../../db/client.ts';
import { DomainError } from '../../domain-error.ts';
import { addModelVersion, readCurrentModel } from '../models.ts';
import { requestOrgRecompute } from '../recompute-requests.ts';
import { healthCalibrations } from '../schema.ts';
import { calibrationOutput } from './calibration-output.ts';

export interface AdoptCalibrationInput {
  orgId: string;
  /** The latest calibration when not given. */
  calibrationId?: string;
  adoptedBy: string | null;
  now: Date;
}

/**
 * Makes a calibration's fitted weights the org's model: a new version (source `calibrated`) keeping
 * the current thresholds and alert rule, then a recompute of the org. Refused when nothing was
 * fitted, when the weights rank churn clearly worse than the base model on the held-out customers, or
 * when the calibration was adopted already.
 */
export async function adoptCalibration(
  tx: Db,
  input: AdoptCalibrationInput,
): Promise<{ calibration: HealthCalibration; model: HealthModel }> {
  const [row] = await tx
    .select()
    .from(healthCalibrations)
    .where(
      and(
        eq(healthCalibrations.orgId, input.orgId),
        input.calibrationId ? eq(healthCalibrations.id, input.calibrationId) : undefined,
      ),
    )
    .orderBy(desc(healthCalibrations.createdAt))
    .limit(1)
    .for('update');
  if (!row)
    throw new DomainError('NOT_FOUND', 'no calibration to adopt: run one first (cscx health calibrate)');
  const calibration = calibrationOutput(row);
  refuseUnadoptable(calibration);
  const current = await readCurrentModel(tx, input.orgId, input.now);
  const model = await addModelVersion(tx, {
    orgId: input.orgId,
    weights: calibration.fittedWeights,
    thresholds: current.thresholds,
    dropAlertPoints: current.dropAlertPoints,
    source: 'calibrated',
    createdBy: input.adoptedBy,
    now: input.now,
  });
  const [adopted] = await tx
    .update(healthCalibrations)
    .set({ adoptedVersion: model.version, adoptedAt: input.now })
    .where(and(eq(healthCalibrations.orgId, input.orgId), eq(healthCalibrations.id, row.id)))
    .returning();
  await requestOrgRecompute(tx, input.orgId);
  return { calibration: calibrationOutput(adopted ?? row), model };
}

/**
 * How much worse than the base model the fitted weights may rank the held-out customers and still be
 * adopted: a few pairs of a small held-out part (a refit of the same data after adopting lands here).
 */
export const adoptionRocAucTolerance = 0.01;

function refuseUnadoptable(calibration: HealthCalibration): void {
  if (calibration.adoptedVersion !== null)
    throw new DomainError(
      'CONFLICT',
      `this calibration was adopted already, as version ${calibration.adoptedVersion}`,
    );
  if (!calibration.fitted)
    throw new DomainError(
      'CONFLICT',
      'this calibration found no weights that tell churn apart: nothing to adopt',
    );
  const { before, after } = calibration;
  if (
    before.rocAuc !== null &&
    after.rocAuc !== null &&
    after.rocAuc < before.rocAuc - adoptionRocAucTolerance
  )
    throw new DomainError(
      'CONFLICT',
      `the fitted weights rank churn worse than version ${calibration.baseVersion} on the held-out customers ` +
        `(ROC-AUC ${after.rocAuc.toFixed(3)} against ${before.rocAuc.toFixed(3)}): not adopted`,
    );
}
