import { Worker } from 'node:worker_threads';
import type { AnthropicBehaviour } from '../tests/support/fakes/anthropic-server.ts';
import type { FakeAnthropicCommand, FakeAnthropicReport } from './fake-anthropic-worker.ts';

export interface FakeAnthropicThread {
  url: string;
  /** Every later request gets this answer. */
  script(answer: AnthropicBehaviour): Promise<void>;
  close(): Promise<void>;
}

/** The fake on its own thread, its TypeScript loaded through tsx as `bin/run-ts.js` loads the bench's. */
export async function startFakeAnthropicThread(apiKey: string): Promise<FakeAnthropicThread> {
  const entry = new URL('./fake-anthropic-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: { apiKey } },
  );
  const next = () =>
    new Promise<FakeAnthropicReport>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const ready = await next();
  if (!('url' in ready)) throw new Error('the fake Anthropic thread did not start');
  const send = (command: FakeAnthropicCommand) => {
    const answered = next();
    worker.postMessage(command);
    return answered;
  };
  return {
    url: ready.url,
    script: async (answer) => {
      await send({ answer });
    },
    close: async () => {
      await send({ close: true });
      await worker.terminate();
    },
  };
}
