import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { inOrg } from '../db/tenancy.ts';
import { DomainError } from '../domain-error.ts';
import { progressBar } from '../imports/progress-bar.ts';
import { findOrCreateOrg, findOrgForCli } from '../org/lookup.ts';
import { scoreDemoBook } from './score-history.ts';
import { defaultActivitiesPerCustomer, defaultDemoCustomers, seedDemo } from './seed.ts';
import type { SeedCounts } from './write.ts';

export interface SeedDemoArgs {
  org?: string | undefined;
  customers?: string | undefined;
  activities?: string | undefined;
}

/** `cscx seed-demo`: the only org by default; with --org NAME, that org (created when missing). */
export async function seedDemoFromCli(database: Database, args: SeedDemoArgs, config: Config): Promise<void> {
  const customers = count('--customers', args.customers, defaultDemoCustomers, 1, 1_000_000);
  const activities = count(
    '--activities',
    args.activities,
    customers * defaultActivitiesPerCustomer,
    0,
    50_000_000,
  );
  const { db } = database;
  const org = args.org ? await findOrCreateOrg(db, args.org) : await findOrgForCli(db, undefined);
  const started = performance.now();
  const bar = progressBar(process.stderr, 'seeding');
  const result = await seedDemo(db, org, {
    customers,
    activities,
    now: systemClock.now(),
    onProgress: (p) => bar.update(p.customersDone + p.activitiesDone, p.customersTotal + p.activitiesTotal),
  });
  bar.finish();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rows: [string, number, number][] = [['csm users', result.team.created, result.team.total]];
  for (const key of Object.keys(result.book) as (keyof SeedCounts)[])
    rows.push([key, result.added[key], result.book[key]]);
  console.log(`demo book for org "${org.name}" (team at @${result.teamDomain}), ${seconds} s`);
  console.log(`  ${'table'.padEnd(12)}${'added'.padStart(10)}${'in book'.padStart(10)}`);
  for (const [name, added, total] of rows)
    console.log(`  ${name.padEnd(12)}${fmt(added).padStart(10)}${fmt(total).padStart(10)}`);
  if (Object.values(result.added).every((n) => n === 0)) console.log('already seeded: nothing changed');
  // Before scoring: what was heard on the calls counts in the scores.
  const { seedDemoCalls } = await import('../meetings/demo/demo-calls.ts');
  const calls = await seedDemoCalls(db, config, org.id);
  for (const call of calls)
    console.log(`call record: "${call.record.title}" of ${call.record.customerName} (${call.outcome})`);
  await scoreDemo(database, org.id, result.added.customers > 0 || result.added.signals > 0);
}

/**
 * The book's health scores, so the Health tab, the book and the inbox badges show them at once; a
 * book just seeded also gets the scores of its last 90 days (the sparkline and the deltas).
 */
async function scoreDemo(database: Database, orgId: string, withHistory: boolean): Promise<void> {
  const bar = progressBar(process.stderr, withHistory ? 'scoring 90 days' : 'scoring');
  const outcome = await scoreDemoBook({
    orgId,
    now: systemClock.now(),
    inOrg: (work) => inOrg(database.db, orgId, work),
    withHistory,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.finish();
  console.log(`health scores: ${fmt(outcome.scored)} customers scored, ${fmt(outcome.alerts)} new alerts`);
}

function count(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new DomainError('BAD_REQUEST', `${flag} must be a whole number from ${min} to ${fmt(max)}`);
  return value;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
