import { createHash } from 'node:crypto';
import { type Exchange, type FakeVendor, roughTokens, splitText, startFakeVendor } from './fake-http.ts';

/**
 * A stand-in for the Gemini API (`/v1beta/models/<model>:<method>`), speaking its wire format:
 * `:generateContent` answers one `GenerateContentResponse` (structured output is JSON text in the
 * first candidate's part), `:streamGenerateContent?alt=sse` answers `data: <GenerateContentResponse>`
 * events each carrying `usageMetadata`, `:batchEmbedContents` answers `{ embeddings: [{ values }] }`,
 * and errors are `{ error: { code, message, status } }` with the real statuses.
 */
export type GeminiBehaviour =
  /** Text, one streamed chunk per piece (joined in a plain answer). */
  | { kind: 'text'; chunks: string[]; delayMs?: number; usage?: Partial<FakeUsage>; end?: GeminiStreamEnd }
  /** JSON text (a structured answer), valid for the schema or not, in `chunks` pieces when streamed. */
  | { kind: 'json'; value: unknown; chunks?: number; delayMs?: number; usage?: Partial<FakeUsage> }
  /** Embeddings: the given vectors, or a stable vector per text (`dimensions`, default 8). */
  | { kind: 'embed'; vectors?: number[][]; dimensions?: number }
  /** An HTTP error; `googleStatus` defaults from the code (429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE…). */
  | { kind: 'error'; status: number; googleStatus?: string; message?: string; reason?: string }
  /** Takes the request and never answers (until the client or `close()` ends it). */
  | { kind: 'hang' };

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

/** After a streamed answer's chunks: the end, an open stream that never ends, or an error chunk. */
export type GeminiStreamEnd =
  | 'complete'
  | 'hang'
  | { status: number; googleStatus?: string; message?: string };

export type FakeGemini = FakeVendor<GeminiBehaviour>;

const googleStatusOf: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function errorBody(code: number, message: string, googleStatus?: string, reason?: string) {
  const details = reason
    ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com' }]
    : undefined;
  return { error: { code, message, status: googleStatus ?? googleStatusOf[code] ?? 'UNKNOWN', details } };
}

const route = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents)$/;

/** `apiKey`: the key the fake accepts in `x-goog-api-key` (or `?key=`); any other gets Google's 400 API_KEY_INVALID. */
export function startFakeGemini(options: { apiKey?: string } = {}): Promise<FakeGemini> {
  return startFakeVendor<GeminiBehaviour>({
    refuse: (exchange) => {
      const { method, path, headers, query } = exchange.request;
      const key = headers['x-goog-api-key'] ?? query.key;
      if (method !== 'POST' || !route.test(path)) {
        exchange.json(404, errorBody(404, `fake: no route ${method} ${path}`));
      } else if (options.apiKey !== undefined && key !== options.apiKey) {
        const message = 'API key not valid. Please pass a valid API key.';
        exchange.json(400, errorBody(400, message, 'INVALID_ARGUMENT', 'API_KEY_INVALID'));
      } else {
        return false;
      }
      return true;
    },
    unscripted: () => ({ kind: 'error', status: 500, message: 'fake: no scripted answer for this request' }),
    answer: async (exchange, behaviour) => {
      const [, model = 'gemini-fake', method] = route.exec(exchange.request.path) ?? [];
      if (behaviour.kind === 'hang') return;
      if (behaviour.kind === 'error') {
        const message = behaviour.message ?? 'fake error';
        exchange.json(
          behaviour.status,
          errorBody(behaviour.status, message, behaviour.googleStatus, behaviour.reason),
        );
        return;
      }
      if ((behaviour.kind === 'embed') !== (method === 'batchEmbedContents')) {
        exchange.json(500, errorBody(500, `fake: a scripted ${behaviour.kind} answer for :${method}`));
        return;
      }
      if (behaviour.kind === 'embed') return embed(exchange, behaviour);
      const pieces =
        behaviour.kind === 'text'
          ? behaviour.chunks
          : splitText(JSON.stringify(behaviour.value), behaviour.chunks ?? 1);
      const answer: Answer = {
        model,
        pieces,
        delayMs: behaviour.delayMs ?? 0,
        usage: {
          inputTokens: behaviour.usage?.inputTokens ?? roughTokens(exchange.request.body),
          outputTokens: behaviour.usage?.outputTokens ?? roughTokens(pieces.join('')),
        },
        end: behaviour.kind === 'text' ? (behaviour.end ?? 'complete') : 'complete',
      };
      if (method === 'streamGenerateContent') await streamAnswer(exchange, answer);
      else await plainAnswer(exchange, answer);
    },
  });
}

interface Answer {
  model: string;
  pieces: string[];
  delayMs: number;
  usage: FakeUsage;
  end: GeminiStreamEnd;
}

function response(answer: Answer, text: string, outputSoFar: number, finished: boolean) {
  return {
    candidates: [
      {
        content: { parts: [{ text }], role: 'model' },
        index: 0,
        ...(finished ? { finishReason: 'STOP' } : {}),
      },
    ],
    usageMetadata: {
      promptTokenCount: answer.usage.inputTokens,
      candidatesTokenCount: outputSoFar,
      totalTokenCount: answer.usage.inputTokens + outputSoFar,
    },
    modelVersion: answer.model,
    responseId: 'fake-response',
  };
}

async function plainAnswer(exchange: Exchange, answer: Answer): Promise<void> {
  for (const _piece of answer.pieces) await exchange.pause(answer.delayMs);
  if (answer.end === 'hang') return;
  if (answer.end !== 'complete') {
    const { status, googleStatus, message } = answer.end;
    exchange.json(status, errorBody(status, message ?? 'fake error', googleStatus));
    return;
  }
  exchange.json(200, response(answer, answer.pieces.join(''), answer.usage.outputTokens, true));
}

async function streamAnswer(exchange: Exchange, answer: Answer): Promise<void> {
  const send = (data: unknown) => exchange.write(`data: ${JSON.stringify(data)}\r\n\r\n`);
  exchange.openEvents();
  const complete = answer.end === 'complete';
  for (const [index, piece] of answer.pieces.entries()) {
    await exchange.pause(answer.delayMs);
    const last = index === answer.pieces.length - 1;
    // Output tokens grow with the pieces sent; the last chunk carries the final count.
    const outputSoFar = last
      ? answer.usage.outputTokens
      : Math.floor((answer.usage.outputTokens * (index + 1)) / answer.pieces.length);
    send(response(answer, piece, outputSoFar, last && complete));
  }
  if (answer.end === 'hang') return;
  if (answer.end !== 'complete') {
    const { status, googleStatus, message } = answer.end;
    send(errorBody(status, message ?? 'fake error', googleStatus));
  }
  exchange.end();
}

function embed(exchange: Exchange, behaviour: Extract<GeminiBehaviour, { kind: 'embed' }>): void {
  const requests =
    (exchange.request.body as { requests?: Array<{ content?: { parts?: Array<{ text?: string }> } }> })
      .requests ?? [];
  const texts = requests.map((request) =>
    (request.content?.parts ?? []).map((part) => part.text ?? '').join(''),
  );
  const vectors = behaviour.vectors ?? texts.map((text) => stableVector(text, behaviour.dimensions ?? 8));
  exchange.json(200, { embeddings: vectors.map((values) => ({ values })) });
}

/** The same text always gets the same vector, different texts (almost surely) different ones. */
export function stableVector(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: dimensions }, (_, i) => (digest[i % digest.length] as number) / 127.5 - 1);
}
