import { createServer } from 'node:net';
import { z } from 'zod';
import { systemPrompt } from '../../backend/ai/prompt.ts';
import {
  AiProviderError,
  type ObjectCall,
  type TextCall,
  type TextEvent,
  type Usage,
} from '../../backend/ai/provider.ts';

/** Calls as a feature would make them, with an email from a customer as the untrusted block. */
export function textCall(overrides: Partial<TextCall> = {}): TextCall {
  return {
    model: 'test-model',
    system: systemPrompt('Summarise the customer’s email in two lines.'),
    blocks: [
      { label: 'Customer', text: 'Acme Corp, renewal in March', untrusted: false },
      {
        label: 'Email from Dana',
        text: 'Hi team, can you send the renewal quote by Friday?',
        untrusted: true,
      },
    ],
    maxOutputTokens: 300,
    signal: new AbortController().signal,
    task: {
      kind: 'thread.analysis',
      input: {
        subject: 'Renewal',
        messages: [
          {
            from: { email: 'dana@acme.test', name: 'Dana' },
            sentAt: '2026-03-02T09:00:00.000Z',
            text: 'Hi team, can you send the renewal quote by Friday?',
          },
        ],
        ownAddresses: ['csm@cscx.test'],
        now: '2026-03-02T10:00:00.000Z',
      },
    },
    ...overrides,
  };
}

export const renewalAsk = z.object({
  summary: z.string().min(1),
  asks: z.array(z.object({ quote: z.string(), kind: z.enum(['request', 'question']) })),
  needsReply: z.boolean(),
});
export type RenewalAsk = z.infer<typeof renewalAsk>;

export const validRenewalAsk: RenewalAsk = {
  summary: 'Dana wants the renewal quote by Friday.',
  asks: [{ quote: 'can you send the renewal quote by Friday?', kind: 'request' }],
  needsReply: true,
};

export function objectCall(overrides: Partial<ObjectCall<RenewalAsk>> = {}): ObjectCall<RenewalAsk> {
  return {
    ...textCall(),
    schema: renewalAsk,
    schemaName: 'thread_analysis',
    schemaDescription: 'What the customer asks for in the thread.',
    ...overrides,
  };
}

export interface Collected {
  texts: string[];
  /** When each text event arrived, in ms since the call started. */
  at: number[];
  usage: Usage | undefined;
}

export async function collect(events: AsyncIterable<TextEvent>): Promise<Collected> {
  const started = Date.now();
  const collected: Collected = { texts: [], at: [], usage: undefined };
  for await (const event of events) {
    if (event.type === 'text') {
      collected.texts.push(event.text);
      collected.at.push(Date.now() - started);
    } else {
      collected.usage = event.usage;
    }
  }
  return collected;
}

/** The provider error a call ends with; anything else (or success) fails the test. */
export async function providerFailure(run: () => Promise<unknown>): Promise<AiProviderError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AiProviderError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

/** A loopback port nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with `promise`, or rejects if it takes longer than `ms`. */
export function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms).unref()),
  ]);
}
