import { z } from 'zod';
import { id, isoDateTime } from './common.ts';
import { healthModel, healthWeights } from './health.ts';

/** A model's churn ranking and calibration on the held-out customers; null where a class was missing. */
export const calibrationFigures = z.object({
  rocAuc: z.number().nullable(),
  prAuc: z.number().nullable(),
  brier: z.number().nullable(),
});
export type CalibrationFigures = z.infer<typeof calibrationFigures>;

export const healthCalibration = z.object({
  id,
  createdAt: isoDateTime,
  /** The model version the "before" figures are of. */
  baseVersion: z.number().int(),
  trainingCustomers: z.number().int(),
  heldOutCustomers: z.number().int(),
  before: calibrationFigures,
  after: calibrationFigures,
  fittedWeights: healthWeights,
  /** False when no component told churn apart: the fitted weights are the base version's. */
  fitted: z.boolean(),
  /** The model version made from the fitted weights, once adopted. */
  adoptedVersion: z.number().int().nullable(),
  adoptedAt: isoDateTime.nullable(),
});
export type HealthCalibration = z.infer<typeof healthCalibration>;

/** The latest calibration, or null when the org never ran one. */
export const latestCalibrationOutput = healthCalibration.nullable();

/** Adopts the given calibration's weights, or the latest one's. */
export const adoptCalibrationInput = z.object({ calibrationId: id.optional() });
export type AdoptCalibrationInput = z.infer<typeof adoptCalibrationInput>;

/** The calibration job queued (or the one already waiting). */
export const calibrateOutput = z.object({ jobId: id, enqueued: z.boolean() });

export const adoptCalibrationOutput = z.object({ calibration: healthCalibration, model: healthModel });
