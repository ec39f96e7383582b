import { fitLogistic, logisticProbability } from '../health/calibration/logistic-fit.ts';
import type { TelcoRow } from './health-telco-rows.ts';

const numericColumns = ['tenure', 'MonthlyCharges', 'TotalCharges'] as const;
const categoricalColumns = [
  'gender',
  'SeniorCitizen',
  'Partner',
  'Dependents',
  'PhoneService',
  'MultipleLines',
  'InternetService',
  'OnlineSecurity',
  'OnlineBackup',
  'DeviceProtection',
  'TechSupport',
  'StreamingTV',
  'StreamingMovies',
  'Contract',
  'PaperlessBilling',
  'PaymentMethod',
] as const satisfies readonly (keyof TelcoRow)[];

/**
 * The baseline: a plain L2 logistic regression on every raw column — each category one-hot (the
 * categories seen in training), the three numbers standardised by the training rows' mean and spread.
 * Fitted on the training rows; returns the churn probability of each scored row.
 */
export function baselineChurnProbabilities(
  training: readonly TelcoRow[],
  scored: readonly TelcoRow[],
): number[] {
  const encode = encoderFor(training);
  const fit = fitLogistic(
    training.map(encode),
    training.map((row) => row.Churn === 'Yes'),
    { l2: 1e-3 },
  );
  return scored.map((row) => logisticProbability(fit, encode(row)));
}

function encoderFor(training: readonly TelcoRow[]): (row: TelcoRow) => number[] {
  const scales = numericColumns.map((column) => {
    const values = training.map((row) => row[column]);
    const mean = values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
    const spread = Math.sqrt(
      values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(values.length, 1),
    );
    return { column, mean, spread: spread || 1 };
  });
  const categories = categoricalColumns.map((column) => ({
    column,
    values: [...new Set(training.map((row) => row[column]))].sort(),
  }));
  return (row) => [
    ...scales.map(({ column, mean, spread }) => (row[column] - mean) / spread),
    ...categories.flatMap(({ column, values }) => values.map((value) => (row[column] === value ? 1 : 0))),
  ];
}
