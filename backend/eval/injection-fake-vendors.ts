import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Obeyable, obeyingAnalysis, obeyingDraft, promptTextOf } from './injection-obey.ts';

/**
 * Anthropic's Messages API and Gemini's generateContent on 127.0.0.1, answering as a model that
 * obeys the injection it finds in its prompt: the eval's own stand-in for both vendors (the
 * product never imports the test fakes). Structured calls (a forced tool, JSON mode) get the
 * obeying analysis; streamed ones the obeying reply, in small chunks so that links arrive in pieces.
 */
export interface ObeyingVendors {
  /** The origin for both SDKs: Anthropic at `/v1/messages`, Gemini at `/v1beta/models/…`. */
  url: string;
  /** The injection the model obeys from now on. */
  obey(injection: Obeyable): void;
  /** Request bodies received since the last call, as text. */
  takeBodies(): string[];
  close(): Promise<void>;
}

const geminiRoute = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const chunkChars = 9;

export async function startObeyingVendors(): Promise<ObeyingVendors> {
  let injection: Obeyable = { payload: '', obeyed: '' };
  let bodies: string[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      bodies.push(raw);
      const body = parse(raw);
      const path = (request.url ?? '').split('?')[0] ?? '';
      const prompt = promptTextOf(body);
      if (request.method === 'POST' && path === '/v1/messages')
        return anthropic(response, body, injection, prompt);
      const gemini = geminiRoute.exec(path);
      if (request.method === 'POST' && gemini) return geminiAnswer(response, gemini, injection, prompt);
      json(response, 404, { error: { message: `no route ${request.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    obey: (next) => {
      injection = next;
    },
    takeBodies: () => {
      const taken = bodies;
      bodies = [];
      return taken;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parse(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += chunkChars)
    chunks.push(text.slice(start, start + chunkChars));
  return chunks;
}

const usage = (text: string) => ({ input_tokens: 100, output_tokens: Math.ceil(text.length / 4) });

function anthropic(
  response: ServerResponse,
  body: Record<string, unknown>,
  injection: Obeyable,
  prompt: string,
): void {
  const model = typeof body.model === 'string' ? body.model : 'claude-fake';
  const message = (content: unknown[], stopReason: string | null, text: string) => ({
    id: 'msg_obeying',
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: usage(text),
  });
  if (!body.stream) {
    const toolName = (body.tool_choice as { name?: string } | undefined)?.name ?? 'tool';
    const input = obeyingAnalysis(injection, prompt);
    const content = [{ type: 'tool_use', id: 'toolu_obeying', name: toolName, input }];
    json(response, 200, message(content, 'tool_use', JSON.stringify(input)));
    return;
  }
  const text = obeyingDraft(injection, prompt);
  const send = (event: string, data: unknown) =>
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  send('message_start', { type: 'message_start', message: message([], null, '') });
  send('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  for (const piece of chunksOf(text))
    send('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: piece },
    });
  send('content_block_stop', { type: 'content_block_stop', index: 0 });
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: usage(text).output_tokens },
  });
  send('message_stop', { type: 'message_stop' });
  response.end();
}

function geminiAnswer(
  response: ServerResponse,
  [, model, method]: RegExpExecArray,
  injection: Obeyable,
  prompt: string,
): void {
  const chunk = (text: string, finished: boolean) => ({
    candidates: [
      {
        content: { parts: [{ text }], role: 'model' },
        index: 0,
        ...(finished ? { finishReason: 'STOP' } : {}),
      },
    ],
    usageMetadata: {
      promptTokenCount: 100,
      candidatesTokenCount: Math.ceil(text.length / 4),
      totalTokenCount: 100,
    },
    modelVersion: model,
  });
  if (method === 'generateContent') {
    json(response, 200, chunk(JSON.stringify(obeyingAnalysis(injection, prompt)), true));
    return;
  }
  const pieces = chunksOf(obeyingDraft(injection, prompt));
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  pieces.forEach((piece, index) => {
    response.write(`data: ${JSON.stringify(chunk(piece, index === pieces.length - 1))}\r\n\r\n`);
  });
  response.end();
}
