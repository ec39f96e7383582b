import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { measureActions } from './actions.ts';
import { type AiCallsOptions, measureAiCalls } from './ai-calls.ts';
import { measureBriefs } from './briefs.ts';
import { measureDraftCalls } from './draft-calls.ts';
import { measureHealth } from './health.ts';
import { measureMeetingAnalysis } from './meetings.ts';
import { type BenchRow, markdownTable } from './stats.ts';

/** The sections `npm run bench -- --only …` runs alone: each starts servers of its own over the book. */
const sections = {
  actions: measureActions,
  ai: measureAiCalls,
  briefs: measureBriefs,
  drafts: measureDraftCalls,
  health: measureHealth,
  meetings: measureMeetingAnalysis,
} satisfies Record<string, (options: AiCallsOptions) => Promise<{ rows: BenchRow[]; details: unknown }>>;

export const sectionNames = Object.keys(sections);

/** Runs the named sections in turn, prints their table and the load average, and writes results.json. */
export async function runSections(names: string[], options: AiCallsOptions, loadAtStart: number[]) {
  const unknown = names.filter((name) => !(name in sections));
  if (unknown.length > 0) {
    throw new Error(`--only: no section ${unknown.join(', ')} (sections: ${sectionNames.join(', ')})`);
  }
  const rows: BenchRow[] = [];
  const details: Record<string, unknown> = {};
  for (const name of names as (keyof typeof sections)[]) {
    const result = await sections[name](options);
    rows.push(...result.rows);
    details[name] = result.details;
  }
  const loadAtEnd = os.loadavg();
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(', ');
  process.stdout.write(
    `\n${markdownTable(rows)}\n\nload average (1, 5, 15 min): ${load(loadAtStart)} at the start, ${load(loadAtEnd)} at the end\n`,
  );
  const results = {
    at: new Date().toISOString(),
    only: names,
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
    },
    rows,
    details,
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('results written to bench/results.json\n');
}
