import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { progressBar } from '../imports/progress-bar.ts';
import type { JobState } from './schema.ts';

type JobProgressRow = {
  state: JobState;
  progress_done: number | null;
  progress_total: number | null;
  progress_label: string | null;
  last_error: string | null;
};

export interface FollowedJob {
  state: 'done' | 'dead';
  lastError: string | null;
}

/**
 * For a CLI command that enqueued a job: draws its progress as a bar on `stream` (a terminal only)
 * until the job is done or dead, reading it as the login role every `pollMs`. Some worker must run
 * it: a server's, or one the command starts for the while.
 */
export async function followJob(
  db: Db,
  jobId: string,
  options: { stream: NodeJS.WriteStream; label: string; pollMs?: number; signal?: AbortSignal },
): Promise<FollowedJob> {
  const bar = progressBar(options.stream, options.label);
  for (;;) {
    options.signal?.throwIfAborted();
    const [job] = await db.execute<JobProgressRow>(sql`
      select state, progress_done, progress_total, progress_label, last_error from jobs where id = ${jobId}`);
    if (!job) throw new Error(`no job ${jobId}`);
    if (job.progress_total !== null) bar.update(job.progress_done ?? 0, job.progress_total);
    if (job.state === 'done' || job.state === 'dead') {
      bar.finish();
      return { state: job.state, lastError: job.last_error };
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
  }
}
