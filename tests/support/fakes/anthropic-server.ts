import {
  type Exchange,
  type FakeVendor,
  type RecordedRequest,
  roughTokens,
  splitText,
  startFakeVendor,
} from './fake-http.ts';

/**
 * A stand-in for the Anthropic Messages API (`POST /v1/messages`), speaking its wire format: a
 * `Message` JSON for a plain call, the server-sent events of a streamed one (`message_start`,
 * `content_block_start`, `ping`, `content_block_delta` with `text_delta` or `input_json_delta`,
 * `content_block_stop`, `message_delta` with the usage, `message_stop`, or an `error` event), and
 * `{ type: 'error', error: { type, message } }` bodies with the real statuses.
 */
export type AnthropicBehaviour =
  /** Text, streamed as one `text_delta` per chunk (joined in a plain answer). */
  | { kind: 'text'; chunks: string[]; delayMs?: number; usage?: Partial<FakeUsage>; end?: StreamEnd }
  /** A call of the request's tool (its `tool_choice`, else its first tool) with this input, valid or not. */
  | {
      kind: 'tool';
      input: unknown;
      chunks?: number;
      delayMs?: number;
      usage?: Partial<FakeUsage>;
      end?: StreamEnd;
    }
  /** An HTTP error; `type` defaults from the status (429 rate_limit_error, 529 overloaded_error…). */
  | { kind: 'error'; status: number; type?: string; message?: string }
  /** Takes the request and never answers (until the client or `close()` ends it). */
  | { kind: 'hang' };

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * How a streamed answer ends after its chunks: normally, by hanging with the stream open, or with
 * an `event: error` (e.g. `{ errorType: 'overloaded_error' }`). A plain call given an error end
 * answers with that error's HTTP status instead.
 */
export type StreamEnd = 'complete' | 'hang' | { errorType: string; message?: string };

export type FakeAnthropic = FakeVendor<AnthropicBehaviour>;

const statusOfType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

function typeOfStatus(status: number): string {
  const known = Object.entries(statusOfType).find(([, code]) => code === status)?.[0];
  return known ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** `apiKey`: the key the fake accepts (as `x-api-key` or `Authorization: Bearer`); any other gets a 401. */
export function startFakeAnthropic(options: { apiKey?: string } = {}): Promise<FakeAnthropic> {
  let answered = 0;
  const fail = (exchange: Exchange, status: number, type: string, message: string) =>
    exchange.json(
      status,
      { type: 'error', error: { type, message } },
      { 'request-id': `req_fake_${++answered}` },
    );

  return startFakeVendor<AnthropicBehaviour>({
    refuse: (exchange) => {
      const { method, path, headers } = exchange.request;
      if (method !== 'POST' || path !== '/v1/messages') {
        fail(exchange, 404, 'not_found_error', `fake: no route ${method} ${path}`);
      } else if (!headers['anthropic-version']) {
        fail(exchange, 400, 'invalid_request_error', 'anthropic-version: header is required');
      } else if (options.apiKey !== undefined && keyOf(exchange.request) !== options.apiKey) {
        fail(exchange, 401, 'authentication_error', 'invalid x-api-key');
      } else {
        return false;
      }
      return true;
    },
    unscripted: () => ({ kind: 'error', status: 500, message: 'fake: no scripted answer for this request' }),
    answer: async (exchange, behaviour) => {
      const id = ++answered;
      if (behaviour.kind === 'hang') return;
      if (behaviour.kind === 'error') {
        fail(
          exchange,
          behaviour.status,
          behaviour.type ?? typeOfStatus(behaviour.status),
          behaviour.message ?? 'fake error',
        );
        return;
      }
      const body = exchange.request.body as MessagesBody;
      const content = contentOf(behaviour, body);
      const usage = usageOf(behaviour, body, content);
      if (body.stream) await streamMessage(exchange, id, body, behaviour, content, usage);
      else await plainMessage(exchange, id, body, behaviour, content, usage);
    },
  });
}

/** The key as the SDK sent it: 1.x sends `Authorization: Bearer`, older ones `x-api-key`. */
export function keyOf(request: RecordedRequest): string | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  return request.headers.authorization?.replace(/^Bearer\s+/i, '');
}

interface MessagesBody {
  model?: string;
  stream?: boolean;
  messages?: unknown;
  system?: unknown;
  tools?: Array<{ name?: string }>;
  tool_choice?: { name?: string };
}

type Block =
  | { type: 'text'; text: string; pieces: string[] }
  | { type: 'tool_use'; name: string; input: unknown; pieces: string[] };

function contentOf(
  behaviour: Extract<AnthropicBehaviour, { kind: 'text' | 'tool' }>,
  body: MessagesBody,
): Block {
  if (behaviour.kind === 'text')
    return { type: 'text', text: behaviour.chunks.join(''), pieces: behaviour.chunks };
  const name = body.tool_choice?.name ?? body.tools?.[0]?.name ?? 'tool';
  return {
    type: 'tool_use',
    name,
    input: behaviour.input,
    pieces: splitText(JSON.stringify(behaviour.input), behaviour.chunks ?? 3),
  };
}

function usageOf(behaviour: { usage?: Partial<FakeUsage> }, body: MessagesBody, block: Block): FakeUsage {
  return {
    inputTokens: behaviour.usage?.inputTokens ?? roughTokens([body.system, body.messages, body.tools]),
    outputTokens: behaviour.usage?.outputTokens ?? roughTokens(block.pieces.join('')),
  };
}

function messageJson(
  id: number,
  body: MessagesBody,
  content: unknown[],
  stopReason: string | null,
  usage: FakeUsage,
) {
  return {
    id: `msg_fake_${id}`,
    type: 'message',
    role: 'assistant',
    model: body.model ?? 'claude-fake',
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: 'standard',
    },
  };
}

async function plainMessage(
  exchange: Exchange,
  id: number,
  body: MessagesBody,
  behaviour: Extract<AnthropicBehaviour, { kind: 'text' | 'tool' }>,
  block: Block,
  usage: FakeUsage,
): Promise<void> {
  for (const _piece of block.pieces) await exchange.pause(behaviour.delayMs ?? 0);
  const end = behaviour.end ?? 'complete';
  if (end === 'hang') return;
  if (end !== 'complete') {
    const status = statusOfType[end.errorType] ?? 500;
    exchange.json(status, {
      type: 'error',
      error: { type: end.errorType, message: end.message ?? 'fake error' },
    });
    return;
  }
  const content =
    block.type === 'text'
      ? [{ type: 'text', text: block.text }]
      : [{ type: 'tool_use', id: `toolu_fake_${id}`, name: block.name, input: block.input }];
  exchange.json(200, messageJson(id, body, content, block.type === 'text' ? 'end_turn' : 'tool_use', usage), {
    'request-id': `req_fake_${id}`,
  });
}

async function streamMessage(
  exchange: Exchange,
  id: number,
  body: MessagesBody,
  behaviour: Extract<AnthropicBehaviour, { kind: 'text' | 'tool' }>,
  block: Block,
  usage: FakeUsage,
): Promise<void> {
  const send = (event: string, data: unknown) =>
    exchange.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  exchange.openEvents({ 'request-id': `req_fake_${id}` });
  send('message_start', {
    type: 'message_start',
    message: messageJson(id, body, [], null, { ...usage, outputTokens: 1 }),
  });
  const start =
    block.type === 'text'
      ? { type: 'text', text: '' }
      : { type: 'tool_use', id: `toolu_fake_${id}`, name: block.name, input: {} };
  send('content_block_start', { type: 'content_block_start', index: 0, content_block: start });
  send('ping', { type: 'ping' });
  for (const piece of block.pieces) {
    await exchange.pause(behaviour.delayMs ?? 0);
    const delta =
      block.type === 'text'
        ? { type: 'text_delta', text: piece }
        : { type: 'input_json_delta', partial_json: piece };
    send('content_block_delta', { type: 'content_block_delta', index: 0, delta });
  }
  const end = behaviour.end ?? 'complete';
  if (end === 'hang') return;
  if (end !== 'complete') {
    send('error', { type: 'error', error: { type: end.errorType, message: end.message ?? 'fake error' } });
    exchange.end();
    return;
  }
  send('content_block_stop', { type: 'content_block_stop', index: 0 });
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: block.type === 'text' ? 'end_turn' : 'tool_use', stop_sequence: null },
    usage: { output_tokens: usage.outputTokens },
  });
  send('message_stop', { type: 'message_stop' });
  exchange.end();
}
