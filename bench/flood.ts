import { Worker } from 'node:worker_threads';
import type { Clock } from '../backend/clock.ts';
import { loadConfig } from '../backend/config.ts';
import type { Database } from '../backend/db/client.ts';
import { findOrCreateOrg } from '../backend/org/lookup.ts';
import { createServer } from '../backend/server.ts';
import { issueBenchToken } from './book.ts';
import { benchSecretKey } from './secret-key.ts';
import { type Summary, summarise } from './stats.ts';

export interface FloodOptions {
  database: Database;
  clock: Clock;
  /** A member of the book's org: the one who floods. */
  flooderToken: string;
  /** What the flooder sends to `customers.context`. */
  inputs: unknown[];
  /** Pings measured quiet, one after another. */
  pings: number;
  /** How long the flood lasts, pinging all the while: long enough for the flooder to use its minute's calls and go on. */
  floodMs?: number;
  /** Loops sending batches, and loops sending random bearer strings (defaults 4 and 2). */
  batchLoops?: number;
  strangerLoops?: number;
}

export interface FloodResult {
  quiet: Summary;
  flooded: Summary;
  /** The flood's calls by the status each was answered with (its first second included). */
  floodCalls: Record<string, number>;
  /** Requests with random bearer strings in the same time, by status. */
  strangerRequests: Record<string, number>;
  seconds: number;
}

/** Batches of this many calls, the most one request may carry (shared/api/limits.ts). */
const batchSize = 10;
const pingEveryMs = 20;

/**
 * One user floods: several loops each sending batches of 10 `customers.context` calls as fast as
 * the server answers, beside loops sending random bearer strings. Meanwhile a member of another
 * org pings. On a thread of its own, so the flood's own work is not charged to the server's loop.
 */
const floodCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomBytes } = require('node:crypto');
const { url, token, inputs, batchSize, batchLoops, strangerLoops } = workerData;
const floodCalls = {};
const strangerRequests = {};
let stopped = false;
let next = 0;
const count = (tally, status) => { tally[status] = (tally[status] ?? 0) + 1; };
parentPort.on('message', () => { stopped = true; });
const flood = async () => {
  while (!stopped) {
    const batch = Array.from({ length: batchSize }, () => inputs[next++ % inputs.length]);
    const body = Object.fromEntries(batch.map((input, i) => [i, input]));
    const paths = batch.map(() => 'customers.context').join(',');
    const response = await fetch(url + '/trpc/' + paths + '?batch=1', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.1' },
      body: JSON.stringify(body),
    });
    const answers = await response.json().catch(() => null);
    if (Array.isArray(answers)) for (const a of answers) count(floodCalls, a.error ? a.error.data?.httpStatus ?? 500 : 200);
    else count(floodCalls, response.status);
  }
};
const stranger = async () => {
  while (!stopped) {
    const response = await fetch(url + '/trpc/system.ping', {
      method: 'POST',
      headers: {
        authorization: 'Bearer cscx_pat_' + randomBytes(32).toString('base64url'),
        'content-type': 'application/json',
        'x-forwarded-for': '10.0.0.2',
      },
      body: 'null',
    });
    await response.arrayBuffer();
    count(strangerRequests, response.status);
  }
};
Promise.all([...Array.from({ length: batchLoops }, flood), ...Array.from({ length: strangerLoops }, stranger)])
  .then(() => parentPort.postMessage({ floodCalls, strangerRequests }));
`;

/**
 * Another org's `system.ping` during a flood, beside its quiet figure in the same run. The server is
 * configured as shipped (rate limits at their defaults) behind a trusted proxy, so each party comes
 * from an address of its own, as it would in a team's deployment.
 */
export async function measureFlood(options: FloodOptions): Promise<FloodResult> {
  const { database, clock } = options;
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', CSCX_TRUST_PROXY: '127.0.0.1' });
  const server = await createServer({ config });
  server.attach({ database, clock, config, secretKey: benchSecretKey });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const neighbour = await findOrCreateOrg(database.db, 'Bench neighbour');
  // Two members, one per phase, each pinging every 20 ms: within the default 600 calls a minute.
  const quietToken = await issueBenchToken(database, neighbour, 'bench@neighbour-bench.example');
  const floodedToken = await issueBenchToken(database, neighbour, 'bench-2@neighbour-bench.example');

  const ping = async (neighbourToken: string) => {
    const started = performance.now();
    const response = await fetch(`${url}/trpc/system.ping`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${neighbourToken}`,
        'content-type': 'application/json',
        'x-forwarded-for': '10.0.0.3',
      },
      body: 'null',
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`the neighbour's ping: HTTP ${response.status}`);
    return performance.now() - started;
  };
  const pings = async (token: string, done: (count: number) => boolean) => {
    const times: number[] = [];
    while (!done(times.length)) {
      const due = performance.now() + pingEveryMs;
      times.push(await ping(token));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
    return times;
  };

  for (let i = 0; i < 10; i++) {
    await ping(quietToken);
    await ping(floodedToken);
  }
  const quiet = await pings(quietToken, (count) => count >= options.pings);
  const worker = new Worker(floodCode, {
    eval: true,
    workerData: {
      url,
      token: options.flooderToken,
      inputs: options.inputs,
      batchSize,
      batchLoops: options.batchLoops ?? 4,
      strangerLoops: options.strangerLoops ?? 2,
    },
  });
  const tallies = new Promise<{
    floodCalls: Record<string, number>;
    strangerRequests: Record<string, number>;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Let the flood fill the queues before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const started = performance.now();
  const until = started + (options.floodMs ?? 10_000);
  const flooded = await pings(floodedToken, () => performance.now() >= until);
  const seconds = (performance.now() - started) / 1000;
  worker.postMessage('stop');
  const { floodCalls, strangerRequests } = await tallies;
  await worker.terminate();
  await server.app.close();
  return { quiet: summarise(quiet), flooded: summarise(flooded), floodCalls, strangerRequests, seconds };
}
