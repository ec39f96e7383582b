import { Writable } from 'node:stream';
import {
  createTRPCClient,
  httpBatchLink,
  httpBatchStreamLink,
  httpLink,
  type TRPCClient,
} from '@trpc/client';
import type { Clock } from '../../backend/clock.ts';
import { systemClock } from '../../backend/clock.ts';
import { loadConfig } from '../../backend/config.ts';
import type { Database } from '../../backend/db/client.ts';
import type { PublicDeps } from '../../backend/deps.ts';
import type { JobRegistry } from '../../backend/jobs/handlers.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import type { JobWorker, WorkerOptions } from '../../backend/jobs/worker.ts';
import { parseSecretKey } from '../../backend/secrets/secret-key.ts';
import { createServer } from '../../backend/server.ts';

/** Tests seal secrets with a fixed key, never one generated into the working folder. */
const testSecretKey = Buffer.alloc(32, 7);

import type { AppRouter } from '../../backend/trpc/app-router.ts';

export interface TestApp {
  url: string;
  deps: PublicDeps;
  /** Every log line the server wrote, as raw JSON text. */
  logLines: string[];
  /**
   * A real tRPC client over HTTP, queries sent as POST like the sidebar does; `stream` uses the
   * streamed POST the sidebar uses for drafts.
   */
  client(token?: string, options?: { batch?: boolean; stream?: boolean }): TRPCClient<AppRouter>;
  /** The job worker, when the test asked for one (`jobs`); stopped by `close`. */
  worker: JobWorker | undefined;
  /** A raw HTTP call, for status codes and headers. */
  fetch(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestApp(
  database: Database,
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    /** A job worker over these handlers; `start: false` leaves it to be stepped with `runOnce`. */
    jobs?: JobRegistry & { options?: Partial<WorkerOptions>; start?: boolean };
  } = {},
): Promise<TestApp> {
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    CSCX_RATE_LIMIT: '100000',
    CSCX_SIGN_IN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'info',
    // The log tests read JSON lines, whatever terminal the run is started from.
    CSCX_LOG_FORMAT: 'json',
    ...options.env,
  });
  const server = await createServer({ config, logStream });
  const deps = server.attach({
    database,
    clock: options.clock ?? systemClock,
    config,
    secretKey: config.secretKey ? parseSecretKey(config.secretKey) : testSecretKey,
  });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const worker = options.jobs ? jobWorkerFor(database, deps, options.jobs, options.jobs.options) : undefined;
  if (worker && options.jobs?.start !== false) worker.start();
  return {
    url,
    deps,
    logLines,
    worker,
    client(token, { batch = true, stream = false } = {}) {
      const linkOptions = {
        url: `${url}/trpc`,
        methodOverride: 'POST' as const,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      };
      return createTRPCClient<AppRouter>({
        links: [
          stream
            ? httpBatchStreamLink(linkOptions)
            : batch
              ? httpBatchLink(linkOptions)
              : httpLink(linkOptions),
        ],
      });
    },
    fetch(path, { token, headers, ...init } = {}) {
      return fetch(`${url}${path}`, {
        ...init,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(headers as Record<string, string>),
        },
      });
    },
    async close() {
      await worker?.stop();
      await server.app.close();
    },
  };
}
