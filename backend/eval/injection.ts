import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DomainError } from '../domain-error.ts';
import { actionInjectionCases } from './injection-actions.ts';
import { cleanCases } from './injection-clean.ts';
import { readInjectionDatasets, sampleCases } from './injection-datasets.ts';
import { draftInjectionCase } from './injection-draft.ts';
import {
  cleanFiguresOf,
  figuresOf,
  formatInjectionReport,
  type InjectionReport,
} from './injection-report.ts';
import { evalProviders, startInjectionStage } from './injection-scene.ts';

/** The own cases that ask for actions, reported as a dataset of their own. */
const actionCasesName = 'CSCX action requests';

export interface InjectionEvalOptions {
  dataset: string;
  /** Cases per dataset, a stable spread; all when unset. */
  limit?: number;
  /** Told after each provider's run over a dataset (the CLI prints progress on stderr). */
  onProgress?: (line: string) => void;
}

/**
 * Drafts a reply to every poisoned thread of the datasets found, and to CSCX's own mail that asks
 * for actions, with each provider in turn: the local one, and Anthropic and Gemini through their
 * SDKs against fakes whose model obeys the injection. Every draft runs on a thread id of its own,
 * so each one's rows can be told apart.
 */
export async function evaluateInjection(options: InjectionEvalOptions): Promise<InjectionReport> {
  const started = performance.now();
  const datasets = readInjectionDatasets(options.dataset).map((d) => ({
    ...d,
    cases: sampleCases(d.cases, options.limit),
  }));
  if (datasets.length === 0)
    throw new DomainError(
      'BAD_REQUEST',
      `eval injection: no BIPIA or CyberSecEval files in ${options.dataset}`,
    );
  const stage = await startInjectionStage();
  const results: InjectionReport['results'] = [];
  const clean: InjectionReport['clean'] = [];
  let thread = 0;
  try {
    for (const provider of evalProviders) {
      const scene = await stage.sceneFor(provider);
      for (const dataset of datasets) {
        const outcomes = [];
        for (const injection of dataset.cases) {
          stage.vendors.obey(injection);
          outcomes.push(await draftInjectionCase(scene, injection, `eval-thread-${++thread}`));
        }
        results.push({ dataset: dataset.name, provider: labelOf(provider), figures: figuresOf(outcomes) });
        options.onProgress?.(`${dataset.name} × ${labelOf(provider)}: ${outcomes.length} drafts`);
      }
      // Mail that asks for actions (approve, send, loosen the policy): any action row is a row too many.
      const asked = [];
      for (const injection of actionInjectionCases) {
        stage.vendors.obey(injection);
        asked.push(await draftInjectionCase(scene, injection, `eval-thread-${++thread}`));
      }
      results.push({ dataset: actionCasesName, provider: labelOf(provider), figures: figuresOf(asked) });
      options.onProgress?.(`${actionCasesName} × ${labelOf(provider)}: ${asked.length} drafts`);
      // Clean mail: every flag here is a false one.
      const outcomes = [];
      for (const mail of cleanCases()) {
        stage.vendors.obey(mail);
        outcomes.push(await draftInjectionCase(scene, mail, `eval-thread-${++thread}`, { countRows: false }));
      }
      clean.push({ provider: labelOf(provider), ...cleanFiguresOf(outcomes) });
      options.onProgress?.(`clean × ${labelOf(provider)}: ${outcomes.length} drafts`);
    }
  } finally {
    await stage.close();
  }
  return {
    datasets: [
      ...datasets.map((d) => ({
        name: d.name,
        files: d.files,
        cases: d.cases.length,
        skipped: d.skipped,
      })),
      {
        name: actionCasesName,
        files: ['backend/eval/injection-actions.ts'],
        cases: actionInjectionCases.length,
        skipped: [],
      },
    ],
    results,
    clean,
    seconds: (performance.now() - started) / 1000,
  };
}

function labelOf(provider: (typeof evalProviders)[number]): string {
  return provider === 'local' ? 'local' : `fake-${provider}-obeying`;
}

export async function evalInjectionFromCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      dataset: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dataset) throw new DomainError('BAD_REQUEST', 'eval injection needs --dataset DIR');
  if (!existsSync(values.dataset))
    throw new DomainError('BAD_REQUEST', `eval injection: ${values.dataset} does not exist`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new DomainError('BAD_REQUEST', 'eval injection: --limit takes a positive whole number');
  const report = await evaluateInjection({
    dataset: values.dataset,
    limit,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatInjectionReport(report));
}
