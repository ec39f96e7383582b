import { Worker } from 'node:worker_threads';
import { type Summary, summarise } from './stats.ts';

export interface LoadOptions {
  url: string;
  /** Client i signs in with token i (modulo): 50 clients are 50 sidebars, not one user's 50 tabs. */
  tokens: string[];
  procedure: string;
  /** Each client takes the next input in turn. */
  inputs: unknown[];
  clients: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  latency: Summary;
  failures: number;
}

/**
 * The clients run on a thread of their own, so their own work (building and reading requests) is
 * not charged to the server's event loop, as it would be with clients in the same thread.
 */
const clientCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, tokens, procedure, inputs, clients, durationMs } = workerData;
const latencies = [];
let failures = 0;
let next = 0;
(async () => {
  const until = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    const token = tokens[client % tokens.length];
    while (performance.now() < until) {
      const input = inputs[next++ % inputs.length];
      const t0 = performance.now();
      const response = await fetch(url + '/trpc/' + procedure, {
        method: 'POST',
        headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? null),
      });
      await response.arrayBuffer();
      if (response.ok) latencies.push(performance.now() - t0);
      else failures++;
    }
  }));
  parentPort.postMessage({ latencies, failures, seconds: (performance.now() - started) / 1000 });
})();
`;

/** `clients` loops, each sending its next call as soon as the last one answered, for `durationMs`. */
export async function runConcurrentClients(options: LoadOptions): Promise<LoadResult> {
  const worker = new Worker(clientCode, { eval: true, workerData: options });
  const { latencies, failures, seconds } = await new Promise<{
    latencies: number[];
    failures: number;
    seconds: number;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return {
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    latency: summarise(latencies),
    failures,
  };
}

export interface ThroughputRow {
  name: string;
  perSecond: number;
  latency: Summary;
  budget?: string;
  verdict?: string;
}

export function throughputTable(rows: ThroughputRow[]): string {
  const lines = [
    '| what | n | req/s | p50 ms | p95 ms | budget | verdict |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.latency.n} | ${r.perSecond.toFixed(0)} | ${r.latency.p50.toFixed(2)} | ${r.latency.p95.toFixed(2)} | ${r.budget ?? ''} | ${r.verdict ?? ''} |`,
    );
  }
  return lines.join('\n');
}
