import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DomainError } from '../domain-error.ts';
import {
  compareModels,
  defaultSplit,
  figuresOf,
  type HeldOutFigures,
  type ModelComparison,
  type SplitOptions,
} from '../health/calibration/compare-models.ts';
import { stratifiedSplit } from '../health/calibration/stratified-split.ts';
import { defaultHealthModel } from '../health/model/default-model.ts';
import { baselineChurnProbabilities } from './health-baseline.ts';
import { formatHealthEvalTable } from './health-report.ts';
import { telcoRowToFeatures } from './health-telco-features.ts';
import { readTelcoRows, telcoFiles } from './health-telco-rows.ts';

export interface HealthEvalReport {
  files: number;
  split: SplitOptions;
  customers: number;
  churned: number;
  training: ModelComparison['training'];
  heldOut: ModelComparison['heldOut'];
  defaultModel: ModelComparison['current'];
  calibrated: ModelComparison['fitted'] | null;
  baseline: HeldOutFigures;
  /** Calibrated minus baseline ROC-AUC on the held-out rows (negative: the baseline ranks better). */
  calibratedVsBaselineRocAuc: number | null;
}

export function evaluateHealthModel(dataset: string, split: SplitOptions = defaultSplit): HealthEvalReport {
  const files = telcoFiles(dataset);
  const rows = files.flatMap(readTelcoRows);
  if (rows.length === 0) throw new DomainError('BAD_REQUEST', `eval health: no rows in ${dataset}`);
  const churned = rows.map((row) => row.Churn === 'Yes');
  const comparison = compareModels(
    rows.map(telcoRowToFeatures),
    churned,
    { version: 1, ...defaultHealthModel },
    split,
  );
  // The same seeded split as compareModels draws: it depends only on the labels and the seed.
  const { training, heldOut } = stratifiedSplit(churned, split.heldOutShare, split.seed);
  const baseline = figuresOf(
    baselineChurnProbabilities(
      training.map((i) => rows[i]!),
      heldOut.map((i) => rows[i]!),
    ),
    heldOut.map((i) => churned[i]!),
  );
  return {
    files: files.length,
    split,
    customers: comparison.customers,
    churned: comparison.churned,
    training: comparison.training,
    heldOut: comparison.heldOut,
    defaultModel: comparison.current,
    calibrated: comparison.fitted ?? null,
    baseline,
    calibratedVsBaselineRocAuc: comparison.fitted ? comparison.fitted.rocAuc - baseline.rocAuc : null,
  };
}

/** `cscx eval health --dataset DIR [--json] [--seed N]` */
export async function evalHealthFromCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      dataset: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dataset) throw new DomainError('BAD_REQUEST', 'eval health needs --dataset DIR');
  if (!existsSync(values.dataset))
    throw new DomainError('BAD_REQUEST', `eval health: ${values.dataset} does not exist`);
  const seed = values.seed === undefined ? defaultSplit.seed : Number(values.seed);
  if (!Number.isInteger(seed))
    throw new DomainError('BAD_REQUEST', 'eval health: --seed takes a whole number');
  const report = evaluateHealthModel(values.dataset, { ...defaultSplit, seed });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatHealthEvalTable(report));
}
