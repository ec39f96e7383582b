import { sql } from 'drizzle-orm';
import type { JobOutput } from '../../shared/api/jobs.ts';
import type { OrgDeps } from '../deps.ts';
import type { JobState } from './schema.ts';

type OrgJobRow = {
  id: string;
  queue: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: string;
  progress_done: number | null;
  progress_total: number | null;
  progress_label: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

const iso = (time: string) => new Date(time).toISOString();
const isoOrNull = (time: string | null) => (time === null ? null : iso(time));

/** Running jobs first, then the most recent: through `cscx_org_jobs`, which reads the caller's org only. */
export async function listOrgJobs(deps: OrgDeps, input: { limit: number }): Promise<JobOutput[]> {
  const rows = await deps.db.execute<OrgJobRow>(sql`select * from cscx_org_jobs(${input.limit}::integer)`);
  return rows.map((row) => ({
    id: row.id,
    queue: row.queue,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    runAt: iso(row.run_at),
    progress:
      row.progress_total === null
        ? null
        : { done: row.progress_done ?? 0, total: row.progress_total, label: row.progress_label },
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  }));
}
