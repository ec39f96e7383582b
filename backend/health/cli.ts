import { parseArgs } from 'node:util';
import { systemClock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { inOrg } from '../db/tenancy.ts';
import { progressBar } from '../imports/progress-bar.ts';
import { findOrgForCli } from '../org/lookup.ts';
import { recomputeOrg } from './recompute.ts';

/** `cscx health recompute [--org NAME|ID]`: every customer of the org now, in short batches, with a bar. */
export async function recomputeFromCli(database: Database, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' } } });
  const org = await findOrgForCli(database.db, values.org);
  const bar = progressBar(process.stderr, 'scoring');
  const started = performance.now();
  const outcome = await recomputeOrg({
    orgId: org.id,
    now: systemClock.now(),
    inOrg: (work) => inOrg(database.db, org.id, work),
    onProgress: ({ done, total }) => bar.update(done, total),
  });
  bar.finish();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${org.name}: ${outcome.scored.toLocaleString('en')} of ${outcome.customers.toLocaleString('en')} customers scored ` +
      `(the others have no data yet), ${outcome.alerts} new alerts, in ${seconds} s\n`,
  );
}
