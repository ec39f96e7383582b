/**
 * `cscx serve` exactly as the CLI starts it, with one queue more: each run of a
 * `test.record-run` job writes a row (the job, this process) through the job's org runner.
 * Started by tests/jobs/two-servers.db.test.ts as `node bin/run-ts.js THIS --database-url URL …`.
 */
import { sql } from 'drizzle-orm';
import { jobHandlers } from '../../../backend/jobs/registry.ts';

jobHandlers['test.record-run'] = async (_deps, job) => {
  await new Promise((resolve) => setTimeout(resolve, Number(job.payload.holdMs ?? 0)));
  if (!job.org) throw new Error('an org job was expected');
  await job.org.inOrg((tx) =>
    tx.execute(sql`insert into test_job_runs (job_id, pid) values (${job.id}, ${process.pid})`),
  );
};

const urlAt = process.argv.indexOf('--database-url');
process.env.DATABASE_URL = process.argv[urlAt + 1];
process.argv = [process.argv[0] ?? 'node', 'cscx', 'serve'];
await import('../../../backend/cli.ts');
