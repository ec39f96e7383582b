import { parseArgs } from 'node:util';
import { healthComponents } from '../../../shared/api/health.ts';
import type { CalibrationFigures } from '../../../shared/api/health-calibration.ts';
import { systemClock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { inOrg, type OrgRunner } from '../../db/tenancy.ts';
import { DomainError } from '../../domain-error.ts';
import { findOrgForCli } from '../../org/lookup.ts';
import { adoptCalibration } from './adopt-calibration.ts';
import { calibrateOrg, type OrgCalibrationRun } from './calibrate-org.ts';
import { defaultSplit } from './compare-models.ts';

/** `cscx health calibrate [--org NAME|ID] [--adopt] [--json] [--seed N]` */
export async function calibrateFromCli(database: Database, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      adopt: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      seed: { type: 'string' },
    },
  });
  const seed = values.seed === undefined ? defaultSplit.seed : Number(values.seed);
  if (!Number.isInteger(seed))
    throw new DomainError('BAD_REQUEST', 'health calibrate: --seed takes a whole number');
  const org = await findOrgForCli(database.db, values.org);
  const runner: OrgRunner = { orgId: org.id, inOrg: (work) => inOrg(database.db, org.id, work) };
  const run = await calibrateOrg(runner, {
    createdBy: null,
    now: systemClock.now(),
    split: { ...defaultSplit, seed },
  });
  const adopted = values.adopt
    ? await runner.inOrg((tx) =>
        adoptCalibration(tx, {
          orgId: org.id,
          calibrationId: run.calibration.id,
          adoptedBy: null,
          now: systemClock.now(),
        }),
      )
    : undefined;
  const calibration = adopted?.calibration ?? run.calibration;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...run, calibration })}\n`);
    return;
  }
  process.stdout.write(formatCalibration(org.name, { ...run, calibration }));
}

const figure = (value: number | null) => (value === null ? '—' : value.toFixed(3));

export function formatCalibration(orgName: string, run: OrgCalibrationRun): string {
  const { calibration: c } = run;
  const rows: [string, CalibrationFigures][] = [
    [`current model (version ${c.baseVersion})`, c.before],
    ['fitted weights', c.after],
  ];
  const header = ['model', 'ROC-AUC', 'PR-AUC', 'Brier'];
  const cells = rows.map(([label, f]) => [label, figure(f.rocAuc), figure(f.prAuc), figure(f.brier)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const weights = healthComponents
    .map((component) => `${component} ${c.fittedWeights[component]}`)
    .join(', ');
  return [
    `calibration of "${orgName}" on ${run.customers} customers with an outcome (${run.churned} churned): ` +
      `fitted on ${c.trainingCustomers}, measured on ${c.heldOutCustomers} held out (${run.heldOutChurned} churned)`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    '',
    c.fitted ? `fitted weights: ${weights}` : 'no component told churn apart: nothing to adopt',
    c.adoptedVersion !== null
      ? `adopted as model version ${c.adoptedVersion}; the org's scores are being recomputed`
      : c.fitted
        ? `stored as calibration ${c.id}; adopt it with --adopt or from the settings page`
        : '',
    '',
  ].join('\n');
}
