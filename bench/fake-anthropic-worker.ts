import { parentPort, workerData } from 'node:worker_threads';
import { type AnthropicBehaviour, startFakeAnthropic } from '../tests/support/fakes/anthropic-server.ts';

/**
 * The tests' fake Anthropic server on a thread of its own (started by `ai-calls.ts`), so that
 * its work (timers, writing events) is not charged to the server's event loop, as a real vendor's
 * is not. Every request gets the answer last scripted; `close` ends it.
 */
export type FakeAnthropicCommand = { answer: AnthropicBehaviour } | { close: true };
export type FakeAnthropicReport = { url: string } | { scripted: true } | { closed: true };

const port = parentPort;
if (!port) throw new Error('fake-anthropic-worker.ts runs as a worker thread');
const fake = await startFakeAnthropic({ apiKey: (workerData as { apiKey: string }).apiKey });
const report = (message: FakeAnthropicReport) => port.postMessage(message);
port.on('message', async (command: FakeAnthropicCommand) => {
  if ('answer' in command) {
    fake.setFallback(command.answer);
    report({ scripted: true });
    return;
  }
  await fake.close();
  report({ closed: true });
  port.close();
});
report({ url: fake.url });
