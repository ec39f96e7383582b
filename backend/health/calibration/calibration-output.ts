import { desc, eq } from 'drizzle-orm';
import type { CalibrationFigures, HealthCalibration } from '../../../shared/api/health-calibration.ts';
import type { Db } from '../../db/client.ts';
import { type CalibrationMetrics, healthCalibrations } from '../schema.ts';

type CalibrationRow = typeof healthCalibrations.$inferSelect;

const figures = (metrics: CalibrationMetrics): CalibrationFigures => ({
  rocAuc: metrics.rocAuc ?? null,
  prAuc: metrics.prAuc ?? null,
  brier: metrics.brier ?? null,
});

export function calibrationOutput(row: CalibrationRow): HealthCalibration {
  const after = figures(row.after);
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    baseVersion: row.baseVersion,
    trainingCustomers: row.trainCount,
    heldOutCustomers: row.testCount,
    before: figures(row.before),
    after,
    fittedWeights: row.fittedWeights,
    // Stored without "after" figures when no component told churn apart.
    fitted: after.rocAuc !== null || after.brier !== null,
    adoptedVersion: row.adoptedVersion,
    adoptedAt: row.adoptedAt?.toISOString() ?? null,
  };
}

export async function readLatestCalibration(tx: Db, orgId: string): Promise<HealthCalibration | null> {
  const [row] = await tx
    .select()
    .from(healthCalibrations)
    .where(eq(healthCalibrations.orgId, orgId))
    .orderBy(desc(healthCalibrations.createdAt))
    .limit(1);
  return row ? calibrationOutput(row) : null;
}
