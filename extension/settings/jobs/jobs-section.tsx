import { useQuery } from '@tanstack/react-query';
import type { JobOutput } from '../../../shared/api/jobs.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import './jobs.css';

export const jobsKey = ['jobs.list'] as const;

/** While a job runs or waits, the list is read again this often; when all are finished, not at all. */
export const refreshWhileBusyMs = 2_000;

const stateLabels: Record<JobOutput['state'], string> = {
  queued: 'Waiting',
  running: 'Running',
  done: 'Done',
  dead: 'Failed',
};

/** The org's background work (recomputes, imports): what runs now, how far it got, what failed and why. */
export function JobsSection({ api }: { api: ApiClient }) {
  const jobs = useQuery({
    queryKey: jobsKey,
    queryFn: () => api.jobs.list.query({ limit: 50 }),
    refetchInterval: (query) =>
      query.state.data?.some((job) => job.state === 'running' || job.state === 'queued')
        ? refreshWhileBusyMs
        : false,
  });
  return (
    <section className="card" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Background jobs</h2>
      {jobs.error ? (
        <ErrorAlert error={jobs.error} />
      ) : !jobs.data ? (
        <PanelSkeleton label="Loading jobs" />
      ) : jobs.data.length === 0 ? (
        <p className="muted">No background jobs yet.</p>
      ) : (
        <ul className="rows" aria-label="Background jobs">
          {jobs.data.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JobRow({ job }: { job: JobOutput }) {
  const name = queueName(job.queue);
  return (
    <li className="row job-row">
      <span className="row-main">
        <span>
          {name} <span className={`job-state job-state-${job.state}`}>{stateLabels[job.state]}</span>
        </span>
        <span className="muted small">{detail(job)}</span>
        {job.progress && job.state !== 'done' && (
          <span className="job-progress">
            <progress
              aria-label={`${name} progress`}
              max={Math.max(job.progress.total, 1)}
              value={Math.min(job.progress.done, job.progress.total)}
            />
            <span className="small">
              {job.progress.done.toLocaleString('en-US')} of {job.progress.total.toLocaleString('en-US')}
              {job.progress.label ? ` ${job.progress.label}` : ''}
            </span>
          </span>
        )}
        {job.lastError && job.state !== 'done' && (
          <span className="small job-error">
            {job.state === 'dead' ? 'Error: ' : 'Last try failed: '}
            {job.lastError}
          </span>
        )}
      </span>
    </li>
  );
}

/** `health.recompute-org` → "Health: recompute org". */
function queueName(queue: string): string {
  const [feature = queue, ...rest] = queue.split('.');
  const what = rest.join(' ').replaceAll('-', ' ');
  const title = feature.charAt(0).toUpperCase() + feature.slice(1);
  return what ? `${title}: ${what}` : title;
}

function detail(job: JobOutput): string {
  const attempt = `attempt ${job.attempts} of ${job.maxAttempts}`;
  switch (job.state) {
    case 'queued':
      return job.attempts > 0 ? `retrying ${when(job.runAt)} · ${attempt}` : `queued ${when(job.createdAt)}`;
    case 'running':
      return `started ${when(job.startedAt ?? job.createdAt)} · ${attempt}`;
    case 'done':
      return `finished ${when(job.finishedAt ?? job.createdAt)}`;
    case 'dead':
      return `gave up ${when(job.finishedAt ?? job.createdAt)} after ${job.attempts} attempts`;
  }
}

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
