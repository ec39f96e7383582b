import type { Database } from '../db/client.ts';
import type { PublicDeps } from '../deps.ts';
import type { JobRegistry } from './handlers.ts';
import { createJobWorker, defaultWorkerOptions, type JobWorker, type WorkerOptions } from './worker.ts';

/** The worker a server runs beside its requests, on the same database and deps. */
export function jobWorkerFor(
  database: Database,
  deps: PublicDeps,
  registry: JobRegistry,
  options: Partial<WorkerOptions> = {},
): JobWorker {
  return createJobWorker({ app: deps, database, transactions: deps.transactions }, registry, {
    ...defaultWorkerOptions(database.kind),
    ...options,
  });
}
