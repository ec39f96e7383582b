import type { OrgRunner } from '../db/tenancy.ts';
import type { AppDeps } from '../deps.ts';
import type { JobToEnqueue } from './queue.ts';

export interface JobContext {
  id: string;
  queue: string;
  /** 1 on the first run. */
  attempt: number;
  payload: JobToEnqueue['payload'];
  /** Short org-scoped transactions for an org job (orgRunner from backend/db/tenancy.ts); absent for a no-org job. */
  org?: OrgRunner;
  /** Shown by `jobs.list` and the CLI's bar; written at most a few times a second. */
  reportProgress(done: number, total: number, label?: string): Promise<void>;
  /** Aborted when the server stops: finish the current batch and return (or throw). */
  signal: AbortSignal;
}

/**
 * Runs outside any transaction: it opens its own short ones through `job.org.inOrg`. A throw is
 * retried with backoff until the job's attempts are used up, then the job is dead with the error kept.
 * A job may run again after a crash (its lease runs out), so a handler must be safe to repeat.
 */
export type JobHandler = (deps: AppDeps, job: JobContext) => Promise<void>;

export interface Schedule {
  /** Unique: with the slot's time, the key that makes a slot run once. */
  name: string;
  queue: string;
  /** every org gets its own job per slot */
  perOrg: boolean;
  every: { kind: 'daily'; hourUtc: number } | { kind: 'interval'; ms: number };
}

export interface JobRegistry {
  handlers: Record<string, JobHandler>;
  schedules: Schedule[];
}

/** An org job's short org-scoped transactions: a job of an org queue enqueued without one is a bug, failed loudly. */
export function orgOfJob(job: JobContext): OrgRunner {
  if (!job.org) throw new Error(`${job.queue} needs an org`);
  return job.org;
}
