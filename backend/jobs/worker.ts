import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/client.ts';
import { orgRunner, type Transactions } from '../db/tenancy.ts';
import type { AppDeps } from '../deps.ts';
import {
  type ClaimedJob,
  claimJob,
  extendLease,
  recordDead,
  recordDone,
  recordProgress,
  requeue,
} from './claim.ts';
import type { JobContext, JobRegistry } from './handlers.ts';
import { pruneFinishedJobs } from './prune.ts';
import { retryDelayFor } from './retry-later.ts';
import { currentSlot, fireSlot } from './schedules.ts';

export interface WorkerOptions {
  /** How long a claim holds a job; a job still running past it is taken again by another worker. */
  leaseMs: number;
  /** How often an idle runner looks for due jobs (polling: the embedded database cannot NOTIFY). */
  pollMs: number;
  /** How often the schedules' slots are looked at. */
  scheduleCheckMs: number;
  /** Jobs run at once by this worker. */
  concurrency: number;
  /** For tests: the jitter of the retry delay. */
  random: () => number;
}

export interface WorkerDeps {
  app: AppDeps;
  database: Database;
  transactions: Transactions;
}

/** What one look at the queue did: for tests that step the worker by hand. */
export type RunOutcome =
  | { kind: 'idle' }
  | { kind: 'done' | 'retried' | 'dead' | 'released'; jobId: string; queue: string; error?: string };

export interface JobWorker {
  id: string;
  /** Polls and runs jobs, and fires the schedules, until `stop`. */
  start(): void;
  /** Claims at most one due job and runs it to its outcome. */
  runOnce(): Promise<RunOutcome>;
  /** Fires the schedules' current slots that no one has fired yet, and prunes finished jobs hourly. */
  fireSchedules(): Promise<number>;
  /** Aborts the running handlers and waits up to `waitMs` for them; what is left runs again after its lease. */
  stop(waitMs?: number): Promise<void>;
}

/** The embedded database runs one statement at a time: one job there; a real server takes two. */
export function defaultWorkerOptions(kind: Database['kind']): WorkerOptions {
  return {
    leaseMs: 5 * 60_000,
    pollMs: 1_000,
    scheduleCheckMs: 30_000,
    concurrency: kind === 'pglite' ? 1 : 2,
    random: Math.random,
  };
}

const progressEveryMs = 250;
const pruneEveryMs = 60 * 60_000;
const maxErrorLength = 2_000;

export function createJobWorker(
  deps: WorkerDeps,
  registry: JobRegistry,
  options: WorkerOptions = defaultWorkerOptions(deps.database.kind),
): JobWorker {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { db } = deps.database;
  const { clock, log } = deps.app;
  const queues = Object.keys(registry.handlers);
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  const firedSlots = new Map<string, number>();
  let prunedAt = Number.NEGATIVE_INFINITY;

  const leaseFrom = (now: Date) => new Date(now.getTime() + options.leaseMs);

  async function runClaimed(job: ClaimedJob): Promise<RunOutcome> {
    const base = { jobId: job.id, queue: job.queue };
    if (job.leaseExpired)
      log.warn({ jobId: job.id, queue: job.queue }, 'job: its lease ran out; running it again');
    if (job.attempt > job.maxAttempts) {
      const error = `its worker stopped before it finished, ${job.maxAttempts} times (the lease ran out)`;
      await recordDead(db, job.id, id, { now: clock.now(), error });
      return { kind: 'dead', ...base, error };
    }
    const handler = registry.handlers[job.queue];
    if (!handler) throw new Error(`no handler for ${job.queue}`);
    const leaseLost = new AbortController();
    const signal = AbortSignal.any([stopping.signal, leaseLost.signal]);
    const heartbeat = setInterval(() => {
      extendLease(db, job.id, id, leaseFrom(clock.now())).then(
        (held) => held || leaseLost.abort(new Error('the job’s lease was lost to another worker')),
        (error: unknown) => log.warn({ err: error, jobId: job.id }, 'job: extending its lease failed'),
      );
    }, options.leaseMs / 3);
    heartbeat.unref();
    try {
      await handler(deps.app, contextOf(job, signal));
      await recordDone(db, job.id, id, clock.now());
      return { kind: 'done', ...base };
    } catch (thrown) {
      const error = messageOf(thrown);
      if (stopping.signal.aborted) {
        await requeue(db, job.id, id, { runAt: clock.now(), error: null, countAttempt: false });
        return { kind: 'released', ...base };
      }
      if (job.attempt >= job.maxAttempts) {
        log.error({ jobId: job.id, queue: job.queue, attempt: job.attempt, error }, 'job: dead');
        await recordDead(db, job.id, id, { now: clock.now(), error });
        return { kind: 'dead', ...base, error };
      }
      const runAt = new Date(clock.now().getTime() + retryDelayFor(thrown, job.attempt, options.random));
      log.warn(
        { jobId: job.id, queue: job.queue, attempt: job.attempt, error, runAt },
        'job: failed; retrying',
      );
      await requeue(db, job.id, id, { runAt, error, countAttempt: true });
      return { kind: 'retried', ...base, error };
    } finally {
      clearInterval(heartbeat);
    }
  }

  function contextOf(job: ClaimedJob, signal: AbortSignal): JobContext {
    let lastWrite = 0;
    return {
      id: job.id,
      queue: job.queue,
      attempt: job.attempt,
      payload: job.payload,
      ...(job.orgId ? { org: orgRunner(deps.transactions, job.orgId) } : {}),
      signal,
      async reportProgress(done, total, label) {
        const now = Date.now();
        if (now - lastWrite < progressEveryMs && done < total) return;
        lastWrite = now;
        await recordProgress(db, job.id, id, { done, total, label: label ?? null });
      },
    };
  }

  async function runOnce(): Promise<RunOutcome> {
    if (stopping.signal.aborted) return { kind: 'idle' };
    const now = clock.now();
    const job = await claimJob(db, { queues, workerId: id, now, lockedUntil: leaseFrom(now) });
    return job ? runClaimed(job) : { kind: 'idle' };
  }

  async function fireSchedules(): Promise<number> {
    const now = clock.now().getTime();
    if (now - prunedAt >= pruneEveryMs) {
      prunedAt = now;
      await pruneFinishedJobs(db, clock.now());
    }
    let enqueued = 0;
    for (const schedule of registry.schedules) {
      const slot = currentSlot(schedule, clock.now()).getTime();
      if (firedSlots.get(schedule.name) === slot) continue;
      enqueued += await fireSlot(db, deps.transactions, schedule, new Date(slot));
      firedSlots.set(schedule.name, slot);
    }
    return enqueued;
  }

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  async function loop(what: string, step: () => Promise<boolean>, idleMs: number): Promise<void> {
    while (!stopping.signal.aborted) {
      let busy = false;
      try {
        busy = await step();
      } catch (error) {
        log.error({ err: error }, `job worker: ${what} failed`);
      }
      if (!busy) await pause(idleMs);
    }
  }

  function track(work: Promise<void>): void {
    running.add(work);
    void work.finally(() => running.delete(work));
  }

  return {
    id,
    runOnce,
    fireSchedules,
    start() {
      for (let runner = 0; runner < options.concurrency; runner++)
        track(loop('running a job', async () => (await runOnce()).kind !== 'idle', options.pollMs));
      track(
        loop(
          'firing schedules and pruning',
          async () => {
            await fireSchedules();
            return false;
          },
          options.scheduleCheckMs,
        ),
      );
    },
    async stop(waitMs = 10_000) {
      stopping.abort(new Error('the server is stopping'));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
    },
  };
}

function messageOf(thrown: unknown): string {
  // A plain Error says only its message; another kind says what it is (`TypeError: …`).
  const text =
    thrown instanceof Error
      ? thrown.name === 'Error'
        ? thrown.message
        : `${thrown.name}: ${thrown.message}`
      : String(thrown);
  return text.slice(0, maxErrorLength);
}
