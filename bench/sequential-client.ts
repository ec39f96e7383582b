import { Worker } from 'node:worker_threads';

export interface SequentialCall {
  /** The server's address. */
  url: string;
  procedure: string;
  input: unknown;
  token: string;
}

export interface CallTiming {
  /** `Server-Timing: app;dur=`, the server's own time. */
  serverTime: number;
  /** From sending the request to having read the whole answer. */
  roundTrip: number;
  /** The `customer.id` of a context answer, when it has one. */
  customerId: string | undefined;
}

/**
 * One client sending the calls one after another, each as soon as the last one answered, on a thread
 * of its own: a sidebar is another process, so its work (building requests, reading answers, the
 * garbage they leave) must not run on the server's event loop nor be charged to its server time.
 */
const clientCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { calls } = workerData;
(async () => {
  const timings = [];
  for (const { url, procedure, input, token } of calls) {
    const started = performance.now();
    const response = await fetch(url + '/trpc/' + procedure, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? null),
    });
    const body = await response.json();
    const roundTrip = performance.now() - started;
    if (!response.ok) throw new Error(procedure + ': HTTP ' + response.status + ' ' + JSON.stringify(body));
    const serverTime = Number(/dur=([\\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
    timings.push({ serverTime, roundTrip, customerId: body?.result?.data?.customer?.id });
  }
  parentPort.postMessage(timings);
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

export async function runSequentialCalls(calls: SequentialCall[]): Promise<CallTiming[]> {
  const worker = new Worker(clientCode, { eval: true, workerData: { calls } });
  try {
    const outcome = await new Promise<CallTiming[] | { error: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!Array.isArray(outcome)) throw new Error(outcome.error);
    return outcome;
  } finally {
    await worker.terminate();
  }
}
