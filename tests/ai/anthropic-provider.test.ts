import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderPrompt } from '../../backend/ai/prompt.ts';
import { createAnthropicProvider } from '../../backend/ai/providers/anthropic.ts';
import { type FakeAnthropic, keyOf, startFakeAnthropic } from '../support/fakes/anthropic-server.ts';
import {
  closedPort,
  collect,
  objectCall,
  providerFailure,
  textCall,
  validRenewalAsk,
  within,
} from './provider-calls.ts';

const apiKey = 'sk-ant-fake-test-4f9b';
let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic({ apiKey });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const provider = (timeoutMs?: number) => createAnthropicProvider({ apiKey, baseUrl: fake.url, timeoutMs });

describe('the Anthropic provider, streaming text through the real SDK', () => {
  it('yields the deltas as they arrive, then the final usage', async () => {
    fake.enqueue({
      kind: 'text',
      chunks: ['Dana ', 'wants ', 'the quote.'],
      delayMs: 60,
      usage: { inputTokens: 42, outputTokens: 7 },
    });
    const call = textCall({ model: 'claude-sonnet-4-5' });
    const result = await collect(provider().streamText(call));

    expect(result.texts).toEqual(['Dana ', 'wants ', 'the quote.']);
    expect(result.usage).toEqual({ inputTokens: 42, outputTokens: 7 });
    // Streamed, not buffered: the first delta came well before the last.
    expect(result.at[2]! - result.at[0]!).toBeGreaterThan(90);

    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      stream: true,
      system: call.system,
      messages: [{ role: 'user', content: renderPrompt(call.blocks) }],
    });
    const [question] = (request!.body as { messages: Array<{ content: string }> }).messages;
    expect(question?.content).toContain('<untrusted_data label="Email from Dana">\nHi team,');
  });

  it('sends the key as a bearer token beside the API version, and nowhere else', async () => {
    fake.enqueue({ kind: 'text', chunks: ['ok'] });
    await collect(provider().streamText(textCall()));

    const [request] = fake.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(keyOf(request!)).toBe(apiKey);
    expect(request?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const elsewhere = { ...request?.headers, authorization: undefined };
    expect(JSON.stringify(elsewhere)).not.toContain(apiKey);
    expect(JSON.stringify(request?.body)).not.toContain(apiKey);
  });
});

describe('the Anthropic provider, structured output through a forced tool call', () => {
  it('returns the validated tool input, having offered the schema as the only tool', async () => {
    fake.enqueue({ kind: 'tool', input: validRenewalAsk, usage: { inputTokens: 120, outputTokens: 30 } });
    const result = await provider().generateObject(objectCall());

    expect(result).toEqual({ object: validRenewalAsk, usage: { inputTokens: 120, outputTokens: 30 } });
    const body = fake.requests[0]?.body as Record<string, unknown>;
    expect(body.stream).toBeUndefined();
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'thread_analysis' });
    expect(body.tools).toEqual([
      expect.objectContaining({
        name: 'thread_analysis',
        description: 'What the customer asks for in the thread.',
        input_schema: expect.objectContaining({
          type: 'object',
          required: ['summary', 'asks', 'needsReply'],
        }),
      }),
    ]);
  });

  it('sends the zod issues back as an erroring tool result once, and returns the corrected input with both attempts’ usage', async () => {
    fake.enqueue(
      {
        kind: 'tool',
        input: { summary: 'Dana wants a quote.', asks: 'the quote', needsReply: 'yes' },
        usage: { inputTokens: 100, outputTokens: 20 },
      },
      { kind: 'tool', input: validRenewalAsk, usage: { inputTokens: 180, outputTokens: 25 } },
    );
    const result = await provider().generateObject(objectCall());

    expect(result).toEqual({ object: validRenewalAsk, usage: { inputTokens: 280, outputTokens: 45 } });
    const messages = (fake.requests[1]!.body as { messages: Array<{ role: string; content: unknown }> })
      .messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    const [toolUse] = messages[1]!.content as Array<{ type: string; id: string }>;
    const [toolResult] = messages[2]!.content as Array<{
      type: string;
      tool_use_id: string;
      is_error: boolean;
      content: string;
    }>;
    expect(toolUse?.type).toBe('tool_use');
    expect(toolResult).toMatchObject({ type: 'tool_result', tool_use_id: toolUse?.id, is_error: true });
    expect(toolResult?.content).toContain('asks');
    expect(toolResult?.content).toContain('needsReply');
  });

  it('gives up with invalid_output after the repair attempt is invalid too', async () => {
    fake.enqueue({ kind: 'tool', input: { summary: '' } }, { kind: 'tool', input: { summary: 3 } });
    const error = await providerFailure(() => provider().generateObject(objectCall()));

    expect(error.errorClass).toBe('invalid_output');
    expect(error.fallsBack).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });
});

describe('the Anthropic provider’s errors', () => {
  it.each([
    [429, 'rate_limited'],
    [529, 'overloaded'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [401, 'auth'],
    [403, 'auth'],
    [400, 'bad_request'],
    [404, 'bad_request'],
    [422, 'bad_request'],
  ] as const)('map HTTP %i to %s, with the status kept', async (status, errorClass) => {
    fake.enqueue({ kind: 'error', status });
    const error = await providerFailure(() => collect(provider().streamText(textCall())));

    expect(error).toMatchObject({ provider: 'anthropic', errorClass, status });
    // The SDK retried nothing: the wrapper's fallback decides what happens next.
    expect(fake.requests).toHaveLength(1);
  });

  it('map an error event inside the stream by its type, after the text that came before it', async () => {
    fake.enqueue(
      { kind: 'text', chunks: ['Dana '], end: { errorType: 'overloaded_error', message: 'Overloaded' } },
      { kind: 'text', chunks: ['Dana '], end: { errorType: 'rate_limit_error' } },
    );
    const texts: string[] = [];
    const overloaded = await providerFailure(async () => {
      for await (const event of provider().streamText(textCall()))
        if (event.type === 'text') texts.push(event.text);
    });
    const limited = await providerFailure(() => collect(provider().streamText(textCall())));

    expect(texts).toEqual(['Dana ']);
    expect(overloaded.errorClass).toBe('overloaded');
    expect(limited.errorClass).toBe('rate_limited');
  });

  it('map a wrong key to auth without ever putting the key in the message, even when the vendor echoes it', async () => {
    const wrongKey = 'sk-ant-fake-wrong-9d8c';
    const refused = await providerFailure(() =>
      createAnthropicProvider({ apiKey: wrongKey, baseUrl: fake.url }).generateObject(objectCall()),
    );
    fake.enqueue({ kind: 'error', status: 400, message: `key ${apiKey} is not allowed to use this model` });
    const echoed = await providerFailure(() => provider().generateObject(objectCall()));

    expect(refused).toMatchObject({ errorClass: 'auth', status: 401 });
    expect(refused.message).not.toContain(wrongKey);
    expect(echoed.errorClass).toBe('bad_request');
    expect(echoed.message).toContain('[key]');
    expect(echoed.message).not.toContain(apiKey);
  });

  it('map a refused connection to unavailable', async () => {
    const port = await closedPort();
    const offline = createAnthropicProvider({ apiKey, baseUrl: `http://127.0.0.1:${port}` });
    const error = await providerFailure(() => collect(offline.streamText(textCall())));

    expect(error.errorClass).toBe('unavailable');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('refuse embeddings without a request: Anthropic has no embeddings API', async () => {
    const error = await providerFailure(() =>
      provider().embed({ model: 'any', texts: ['hello'], signal: new AbortController().signal }),
    );

    expect(provider().embeds).toBe(false);
    expect(error.errorClass).toBe('bad_request');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('the Anthropic provider, stopping', () => {
  it('closes the connection when the caller aborts mid-stream, and reports aborted', async () => {
    fake.enqueue({ kind: 'text', chunks: Array.from({ length: 20 }, (_, i) => `chunk ${i} `), delayMs: 100 });
    const controller = new AbortController();
    const texts: string[] = [];
    const error = await providerFailure(async () => {
      for await (const event of provider().streamText(textCall({ signal: controller.signal }))) {
        if (event.type === 'text') texts.push(event.text);
        if (texts.length === 2) controller.abort();
      }
    });

    expect(error.errorClass).toBe('aborted');
    expect(error.fallsBack).toBe(false);
    expect(texts).toEqual(['chunk 0 ', 'chunk 1 ']);
    const [request] = fake.requests;
    await within(2_000, request!.socketClosed);
    expect(await request!.outcome).toBe('client_closed');
  });

  it('reports aborted, not a finished answer, when the abort lands while the consumer holds a chunk', async () => {
    fake.enqueue({ kind: 'text', chunks: ['Draft ', 'in ', 'progress'], end: 'hang' });
    const controller = new AbortController();
    const texts: string[] = [];
    const error = await providerFailure(async () => {
      for await (const event of provider().streamText(textCall({ signal: controller.signal }))) {
        if (event.type !== 'text') continue;
        texts.push(event.text);
        controller.abort();
        // A slow consumer: the SDK sees the abort before it is asked for the next event.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    expect(error.errorClass).toBe('aborted');
    expect(texts).toEqual(['Draft ']);
    await within(2_000, fake.requests[0]!.socketClosed);
  });

  it('closes the connection when the consumer stops reading', async () => {
    fake.enqueue({ kind: 'text', chunks: Array.from({ length: 20 }, (_, i) => `chunk ${i} `), delayMs: 100 });
    for await (const event of provider().streamText(textCall())) {
      if (event.type === 'text') break;
    }

    const [request] = fake.requests;
    await within(2_000, request!.socketClosed);
    expect(await request!.outcome).toBe('client_closed');
  });

  it('times out against a vendor that never answers, and against a stream that stalls', async () => {
    fake.enqueue({ kind: 'hang' }, { kind: 'text', chunks: ['Dana '], end: 'hang' });
    const started = Date.now();
    const silent = await providerFailure(() => provider(300).generateObject(objectCall()));
    const silentAfter = Date.now() - started;
    const texts: string[] = [];
    const stalled = await providerFailure(async () => {
      for await (const event of provider(300).streamText(textCall()))
        if (event.type === 'text') texts.push(event.text);
    });

    expect(silent.errorClass).toBe('timeout');
    expect(silentAfter).toBeLessThan(2_000);
    expect(stalled.errorClass).toBe('timeout');
    expect(texts).toEqual(['Dana ']);
    await within(2_000, fake.requests[1]!.socketClosed);
  });

  it('lets a stream that keeps talking run past the timeout', async () => {
    fake.enqueue({ kind: 'text', chunks: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 150 });
    const result = await collect(provider(400).streamText(textCall()));

    expect(result.texts.join('')).toBe('abcdef');
    expect(result.at[5]).toBeGreaterThan(800);
  });
});
