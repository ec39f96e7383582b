import type { HealthEvalReport } from './health.ts';

export const healthEvalMethods = {
  defaultModel: 'default model (score, Platt-scaled)',
  calibrated: 'calibrated weights (score, Platt-scaled)',
  baseline: 'logistic regression on raw columns',
} as const;

const figure = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '—' : value.toFixed(3);

export function formatHealthEvalTable(report: HealthEvalReport): string {
  const header = ['method', 'ROC-AUC', 'PR-AUC', 'Brier'];
  const rows = (Object.keys(healthEvalMethods) as (keyof typeof healthEvalMethods)[]).map((key) => {
    const figures = report[key] ?? undefined;
    return [healthEvalMethods[key], figure(figures?.rocAuc), figure(figures?.prAuc), figure(figures?.brier)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const weights = report.calibrated
    ? Object.entries(report.calibrated.weights)
        .filter(([, weight]) => weight > 0)
        .map(([component, weight]) => `${component} ${weight}`)
        .join(', ')
    : 'none (no component told churn apart: the default weights stay)';
  const gap = report.calibratedVsBaselineRocAuc;
  return [
    `churn (label Yes) on ${report.customers} customers of ${report.files} file(s), ${report.churned} churned`,
    `seeded stratified split (seed ${report.split.seed}): fitted on ${report.training.customers} ` +
      `(${report.training.churned} churned), measured on ${report.heldOut.customers} held out ` +
      `(${report.heldOut.churned} churned)`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `calibrated weights: ${weights}`,
    gap === null ? '' : `calibrated vs baseline ROC-AUC: ${gap >= 0 ? '+' : ''}${gap.toFixed(3)}`,
    '',
  ].join('\n');
}
