import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderPrompt } from '../../backend/ai/prompt.ts';
import { createGeminiProvider } from '../../backend/ai/providers/gemini.ts';
import { type FakeGemini, stableVector, startFakeGemini } from '../support/fakes/gemini-server.ts';
import {
  closedPort,
  collect,
  objectCall,
  providerFailure,
  textCall,
  validRenewalAsk,
  within,
} from './provider-calls.ts';

const apiKey = 'AIza-fake-test-5e4d';
let fake: FakeGemini;

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const provider = (timeoutMs?: number) => createGeminiProvider({ apiKey, baseUrl: fake.url, timeoutMs });

describe('the Gemini provider, streaming text through the real SDK', () => {
  it('yields the chunks as they arrive, then the usage of the last chunk', async () => {
    fake.enqueue({
      kind: 'text',
      chunks: ['Dana ', 'wants ', 'the quote.'],
      delayMs: 60,
      usage: { inputTokens: 40, outputTokens: 9 },
    });
    const call = textCall({ model: 'gemini-2.5-flash', seed: 7 });
    const result = await collect(provider().streamText(call));

    expect(result.texts).toEqual(['Dana ', 'wants ', 'the quote.']);
    expect(result.usage).toEqual({ inputTokens: 40, outputTokens: 9 });
    expect(result.at[2]! - result.at[0]!).toBeGreaterThan(90);

    const [request] = fake.requests;
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(request?.query).toEqual({ alt: 'sse' });
    expect(request?.body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: renderPrompt(call.blocks) }] }],
      systemInstruction: { parts: [{ text: call.system }] },
      generationConfig: { maxOutputTokens: 300, seed: 7 },
    });
  });

  it('sends the key in x-goog-api-key only: not in the URL, not in the body', async () => {
    fake.enqueue({ kind: 'text', chunks: ['ok'] });
    await collect(provider().streamText(textCall()));

    const [request] = fake.requests;
    expect(request?.headers['x-goog-api-key']).toBe(apiKey);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.query.key).toBeUndefined();
    expect(JSON.stringify(request?.body)).not.toContain(apiKey);
  });
});

describe('the Gemini provider, structured output in JSON mode', () => {
  it('returns the validated object, having asked for JSON against the schema', async () => {
    fake.enqueue({ kind: 'json', value: validRenewalAsk, usage: { inputTokens: 110, outputTokens: 35 } });
    const result = await provider().generateObject(objectCall({ model: 'gemini-2.5-flash' }));

    expect(result).toEqual({ object: validRenewalAsk, usage: { inputTokens: 110, outputTokens: 35 } });
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request?.body).toMatchObject({
      generationConfig: {
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object', required: ['summary', 'asks', 'needsReply'] },
      },
    });
  });

  it('sends its own reply and the zod issues back once, and returns the corrected object with both attempts’ usage', async () => {
    fake.enqueue(
      {
        kind: 'text',
        chunks: ['{"summary": "Dana wants a quote", "asks": '],
        usage: { inputTokens: 100, outputTokens: 12 },
      },
      { kind: 'json', value: validRenewalAsk, usage: { inputTokens: 150, outputTokens: 30 } },
    );
    const result = await provider().generateObject(objectCall());

    expect(result).toEqual({ object: validRenewalAsk, usage: { inputTokens: 250, outputTokens: 42 } });
    const contents = (
      fake.requests[1]!.body as { contents: Array<{ role: string; parts: Array<{ text: string }> }> }
    ).contents;
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1]?.parts[0]?.text).toBe('{"summary": "Dana wants a quote", "asks": ');
    expect(contents[2]?.parts[0]?.text).toContain('not valid JSON');
  });

  it('gives up with invalid_output when the repaired object breaks the schema again', async () => {
    fake.enqueue(
      { kind: 'json', value: { summary: '' } },
      { kind: 'json', value: { ...validRenewalAsk, needsReply: 'yes' } },
    );
    const error = await providerFailure(() => provider().generateObject(objectCall()));

    expect(error.errorClass).toBe('invalid_output');
    expect(error.message).toContain('needsReply');
    expect(fake.requests).toHaveLength(2);
  });
});

describe('the Gemini provider’s embeddings', () => {
  it('embeds a batch in one batchEmbedContents request, vectors in the texts’ order', async () => {
    fake.enqueue({ kind: 'embed', dimensions: 4 });
    const texts = ['renewal quote', 'security review', 'renewal quote'];
    const result = await provider().embed({
      model: 'gemini-embedding-001',
      texts,
      signal: new AbortController().signal,
    });

    expect(result.vectors).toEqual(texts.map((text) => stableVector(text, 4)));
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(request?.body).toEqual({
      requests: texts.map((text) => ({
        content: { parts: [{ text }], role: 'user' },
        model: 'models/gemini-embedding-001',
      })),
    });
  });

  it('splits more than a hundred texts into batches the API accepts', async () => {
    fake.setFallback({ kind: 'embed', dimensions: 2 });
    const texts = Array.from({ length: 150 }, (_, i) => `note ${i}`);
    const result = await provider().embed({
      model: 'gemini-embedding-001',
      texts,
      signal: new AbortController().signal,
    });

    expect(fake.requests.map((r) => (r.body as { requests: unknown[] }).requests.length)).toEqual([100, 50]);
    expect(result.vectors[149]).toEqual(stableVector('note 149', 2));
  });

  it('fails as unavailable when the answer has fewer vectors than texts', async () => {
    fake.enqueue({ kind: 'embed', vectors: [[0.1, 0.2]] });
    const error = await providerFailure(() =>
      provider().embed({
        model: 'gemini-embedding-001',
        texts: ['a', 'b'],
        signal: new AbortController().signal,
      }),
    );

    expect(error.errorClass).toBe('unavailable');
  });
});

describe('the Gemini provider’s errors', () => {
  it.each([
    [429, 'RESOURCE_EXHAUSTED', 'rate_limited'],
    [503, 'UNAVAILABLE', 'unavailable'],
    [500, 'INTERNAL', 'unavailable'],
    [504, 'DEADLINE_EXCEEDED', 'timeout'],
    [400, 'INVALID_ARGUMENT', 'bad_request'],
    [401, 'UNAUTHENTICATED', 'auth'],
    [403, 'PERMISSION_DENIED', 'auth'],
    [404, 'NOT_FOUND', 'bad_request'],
  ] as const)('map HTTP %i %s to %s', async (status, googleStatus, errorClass) => {
    fake.enqueue({ kind: 'error', status, googleStatus, message: 'scripted failure' });
    const error = await providerFailure(() => collect(provider().streamText(textCall())));

    expect(error).toMatchObject({ provider: 'gemini', errorClass, status });
    expect(error.message).toContain(googleStatus);
    expect(fake.requests).toHaveLength(1);
  });

  it('map an error chunk inside the stream by its code, after the text before it', async () => {
    fake.enqueue({ kind: 'text', chunks: ['Dana '], end: { status: 429, message: 'Quota exceeded' } });
    const texts: string[] = [];
    const error = await providerFailure(async () => {
      for await (const event of provider().streamText(textCall()))
        if (event.type === 'text') texts.push(event.text);
    });

    expect(texts).toEqual(['Dana ']);
    expect(error.errorClass).toBe('rate_limited');
  });

  it('read Google’s 400 API_KEY_INVALID as auth, and never put a key in the message', async () => {
    const wrongKey = 'AIza-fake-wrong-0a1b';
    const refused = await providerFailure(() =>
      createGeminiProvider({ apiKey: wrongKey, baseUrl: fake.url }).generateObject(objectCall()),
    );
    fake.enqueue({ kind: 'error', status: 400, message: `API key ${apiKey} has no access to this model` });
    const echoed = await providerFailure(() => provider().generateObject(objectCall()));

    expect(refused).toMatchObject({ errorClass: 'auth', status: 400 });
    expect(refused.message).not.toContain(wrongKey);
    expect(echoed.errorClass).toBe('bad_request');
    expect(echoed.message).not.toContain(apiKey);
  });

  it('map a refused connection to unavailable', async () => {
    const port = await closedPort();
    const offline = createGeminiProvider({ apiKey, baseUrl: `http://127.0.0.1:${port}` });
    const error = await providerFailure(() => offline.generateObject(objectCall()));

    expect(error.errorClass).toBe('unavailable');
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('the Gemini provider, stopping', () => {
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

    await within(2_000, fake.requests[0]!.socketClosed);
  });

  it('times out against a vendor that never answers, and against a stream that stalls', async () => {
    fake.enqueue({ kind: 'hang' }, { kind: 'text', chunks: ['Dana '], end: 'hang' }, { kind: 'hang' });
    const started = Date.now();
    const silent = await providerFailure(() => provider(300).generateObject(objectCall()));
    const silentAfter = Date.now() - started;
    const stalled = await providerFailure(() => collect(provider(300).streamText(textCall())));
    const embedding = await providerFailure(() =>
      provider(300).embed({
        model: 'gemini-embedding-001',
        texts: ['a'],
        signal: new AbortController().signal,
      }),
    );

    expect([silent.errorClass, stalled.errorClass, embedding.errorClass]).toEqual([
      'timeout',
      'timeout',
      'timeout',
    ]);
    expect(silentAfter).toBeLessThan(2_000);
    await within(2_000, fake.requests[1]!.socketClosed);
  });

  it('lets a stream that keeps talking run past the timeout', async () => {
    fake.enqueue({ kind: 'text', chunks: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 150 });
    const result = await collect(provider(400).streamText(textCall()));

    expect(result.texts.join('')).toBe('abcdef');
    expect(result.at[5]).toBeGreaterThan(800);
  });
});
