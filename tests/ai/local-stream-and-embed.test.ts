import { describe, expect, it } from 'vitest';
import type { TextCall, TextEvent } from '../../backend/ai/provider.ts';
import { localModelId, localProvider } from '../../backend/ai/providers/local/index.ts';

const dana = { email: 'dana@acme.example', name: 'Dana Kim' };

function summaryCall(signal: AbortSignal): TextCall {
  return {
    model: localModelId,
    system: '',
    blocks: [],
    maxOutputTokens: 500,
    signal,
    task: {
      kind: 'thread.analysis',
      input: {
        subject: 'Invoice for November',
        ownAddresses: ['anna@vendor.example'],
        now: '2026-11-25T10:00:00+01:00',
        messages: [
          {
            from: dana,
            sentAt: '2026-11-25T09:00:00+01:00',
            text: 'Our accounts payable team cannot find the November invoice in the billing portal. Could you resend the invoice to billing@acme.example before the end of the month?',
          },
        ],
      },
    },
  };
}

async function collect(events: AsyncIterable<TextEvent>): Promise<TextEvent[]> {
  const seen: TextEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * b[i]!, 0);
}

describe('the local provider streaming text', () => {
  it('streams the thread summary word by word, then the usage', async () => {
    const events = await collect(localProvider.streamText(summaryCall(new AbortController().signal)));
    const chunks = events.filter((e) => e.type === 'text');
    const done = events.at(-1);
    expect(chunks.length).toBeGreaterThan(10);
    const text = chunks.map((c) => c.text).join('');
    expect(text).toMatch(/^Dana: /);
    expect(text).toContain('November invoice');
    expect(done).toEqual({ type: 'done', usage: { inputTokens: 3 + 28, outputTokens: expect.any(Number) } });
    const again = await collect(localProvider.streamText(summaryCall(new AbortController().signal)));
    expect(again).toEqual(events);
  });

  it('stops between two words when the caller aborts, with an aborted error', async () => {
    const controller = new AbortController();
    const received: string[] = [];
    const reading = (async () => {
      for await (const event of localProvider.streamText(summaryCall(controller.signal))) {
        if (event.type === 'text') received.push(event.text);
        if (received.length === 3) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AiProviderError', errorClass: 'aborted' });
    expect(received).toHaveLength(3);
  });
});

describe('the local provider embedding text', () => {
  const call = (texts: string[]) => ({ model: localModelId, texts, signal: new AbortController().signal });

  it('gives the same unit vector of 256 numbers for the same text', async () => {
    const { vectors, usage } = await localProvider.embed(
      call(['Renewal pricing for 2027', 'Renewal pricing for 2027']),
    );
    expect(vectors[0]).toHaveLength(256);
    expect(vectors[1]).toEqual(vectors[0]);
    expect(cosine(vectors[0]!, vectors[0]!)).toBeCloseTo(1, 10);
    expect(usage).toEqual({ inputTokens: 8, outputTokens: 0 });
  });

  it('puts texts about the same thing closer than unrelated ones', async () => {
    const { vectors } = await localProvider.embed(
      call([
        'The customer asked for the renewal quote and the pricing of the new plan.',
        'Please send the renewal pricing quote for our plan.',
        'Our office dog had puppies during the holidays.',
      ]),
    );
    const [quote, pricing, puppies] = vectors as [number[], number[], number[]];
    expect(cosine(quote, pricing)).toBeGreaterThan(cosine(quote, puppies) + 0.2);
  });
});
