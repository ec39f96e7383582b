import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isBipiaAttackFile, isBipiaEmailFile, readBipiaCases } from './injection-bipia.ts';
import type { InjectionCase } from './injection-cases.ts';
import { isCyberSecEvalFile, readCyberSecEvalCases } from './injection-cyberseceval.ts';

export interface InjectionDataset {
  /** `bipia` or `cyberseceval`, with the file(s) it was read from. */
  name: 'bipia' | 'cyberseceval';
  files: string[];
  cases: InjectionCase[];
  /** What was read but is no email-borne injection, in words. */
  skipped: string[];
}

/**
 * The injection files of a folder (or the one file given), told apart by shape: BIPIA's emails
 * (JSON lines of `{context, question, ideal}`) with its attacks (`{category: [attack…]}`), and
 * CyberSecEval's prompt-injection cases (an array of `{prompt_id, user_input, judge_question, …}`).
 */
export function readInjectionDatasets(target: string): InjectionDataset[] {
  const files = statSync(target).isDirectory()
    ? readdirSync(target)
        .sort()
        .map((name) => path.join(target, name))
        .filter((file) => statSync(file).isFile())
    : [target];
  const datasets: InjectionDataset[] = [];
  const emails = files.filter(isBipiaEmailFile);
  const attacks = files.filter(isBipiaAttackFile);
  for (const emailFile of emails)
    for (const attackFile of attacks)
      datasets.push({
        name: 'bipia',
        files: [emailFile, attackFile],
        cases: readBipiaCases({ emails: emailFile, attacks: attackFile }),
        skipped: [],
      });
  for (const file of files.filter(isCyberSecEvalFile)) {
    const read = readCyberSecEvalCases(file);
    datasets.push({
      name: 'cyberseceval',
      files: [file],
      cases: read.cases,
      skipped: [
        `${read.direct} direct cases (a user overriding the app's prompt, not text inside an email)`,
        ...(read.unplaced.length > 0
          ? [`indirect cases whose injected text could not be located: ${read.unplaced.join(', ')}`]
          : []),
      ],
    });
  }
  return datasets;
}

/** A stable spread of `limit` cases (by a hash of their ids), in their own order. */
export function sampleCases(cases: InjectionCase[], limit: number | undefined): InjectionCase[] {
  if (limit === undefined || limit >= cases.length) return cases;
  const keyed = cases.map((c, order) => ({ c, order, key: createHash('sha256').update(c.id).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : 1));
  return keyed
    .slice(0, limit)
    .sort((a, b) => a.order - b.order)
    .map((k) => k.c);
}
