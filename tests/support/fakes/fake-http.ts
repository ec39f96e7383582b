import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * What the fake vendors share: a Fastify server on 127.0.0.1, every request recorded as it left
 * the SDK, a script of answers taken one per request, and an account of the sockets. Each fake
 * (`anthropic-server.ts`, `gemini-server.ts`) adds the vendor's routes and wire format.
 */
export interface RecordedRequest {
  method: string;
  /** The path without the query, e.g. `/v1/messages`, `/v1beta/models/gemini-2.5-flash:generateContent`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as Node reads them. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined for none). */
  body: unknown;
  /** Resolves when the TCP connection the request came on closes (a cancelled stream closes it at once). */
  socketClosed: Promise<void>;
  /** Resolves when the fake finished its answer ('answered'), or the client went away before that. */
  outcome: Promise<'answered' | 'client_closed'>;
}

/** A scripted answer, or a function choosing one from the request. */
export type Scripted<B> = B | ((request: RecordedRequest) => B);

export interface FakeVendor<B> {
  /** The origin to give the SDK, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Every request received, in order, including those refused for a bad key. */
  requests: RecordedRequest[];
  /** Appends answers: each request takes the next one. */
  enqueue(...answers: Scripted<B>[]): void;
  /** The answer for a request when the queue is empty (by default: a 500 saying nothing was scripted). */
  setFallback(answer: Scripted<B> | undefined): void;
  /** Resolves with the request at this index (0 is the first) once it has arrived. */
  requestAt(index: number): Promise<RecordedRequest>;
  /** Connections accepted and closed so far. */
  sockets(): { opened: number; closed: number; open: number };
  /** Forgets requests, queue and fallback (sockets stay counted). */
  reset(): void;
  /** Closes every connection (hanging answers included) and the server. */
  close(): Promise<void>;
}

/** One request being answered; every write is a no-op once the client has gone. */
export interface Exchange {
  request: RecordedRequest;
  /** Aborts when the client closes the connection before the answer is complete. */
  gone: AbortSignal;
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Starts a `text/event-stream` answer. */
  openEvents(headers?: Record<string, string>): void;
  write(text: string): void;
  end(): void;
  /** Waits, or returns early once the client has gone. */
  pause(ms: number): Promise<void>;
}

export interface FakeRoutes<B> {
  /** Answers before the script is consulted (a bad key, an unknown path); returns true when it did. */
  refuse(exchange: Exchange): boolean;
  answer(exchange: Exchange, behaviour: B): Promise<void>;
  unscripted(request: RecordedRequest): B;
}

export async function startFakeVendor<B>(routes: FakeRoutes<B>): Promise<FakeVendor<B>> {
  const app = Fastify({ bodyLimit: 50 * 1024 * 1024 });
  const requests: RecordedRequest[] = [];
  const waiters = new Map<number, Array<(request: RecordedRequest) => void>>();
  let queue: Scripted<B>[] = [];
  let fallback: Scripted<B> | undefined;
  const openSockets = new Set<Socket>();
  const socketClosed = new WeakMap<Socket, Promise<void>>();
  let opened = 0;
  let closed = 0;

  app.server.on('connection', (socket: Socket) => {
    opened += 1;
    openSockets.add(socket);
    socketClosed.set(socket, new Promise((resolve) => socket.once('close', () => resolve())));
    socket.once('close', () => {
      closed += 1;
      openSockets.delete(socket);
    });
  });

  app.all('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const exchange = startExchange(
      request,
      reply.raw,
      socketClosed.get(request.raw.socket) ?? Promise.resolve(),
    );
    requests.push(exchange.request);
    for (const resolve of waiters.get(requests.length - 1) ?? []) resolve(exchange.request);
    waiters.delete(requests.length - 1);
    if (routes.refuse(exchange)) return;
    const next = queue.shift() ?? fallback;
    const scripted = next ?? routes.unscripted(exchange.request);
    const behaviour =
      typeof scripted === 'function' ? (scripted as (r: RecordedRequest) => B)(exchange.request) : scripted;
    await routes.answer(exchange, behaviour);
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    requests,
    enqueue: (...answers) => {
      queue.push(...answers);
    },
    setFallback: (answer) => {
      fallback = answer;
    },
    requestAt: (index) => {
      const arrived = requests[index];
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve) => waiters.set(index, [...(waiters.get(index) ?? []), resolve]));
    },
    sockets: () => ({ opened, closed, open: openSockets.size }),
    reset: () => {
      requests.length = 0;
      queue = [];
      fallback = undefined;
    },
    close: async () => {
      for (const socket of openSockets) socket.destroy();
      await app.close();
    },
  };
}

function startExchange(request: FastifyRequest, res: ServerResponse, socketClosed: Promise<void>): Exchange {
  const gone = new AbortController();
  const outcome = new Promise<'answered' | 'client_closed'>((resolve) => {
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
      resolve(res.writableFinished ? 'answered' : 'client_closed');
    });
  });
  const [path = '/', search = ''] = request.raw.url?.split('?') ?? [];
  const recorded: RecordedRequest = {
    method: request.method,
    path,
    query: Object.fromEntries(new URLSearchParams(search)),
    headers: request.headers,
    body: request.body,
    socketClosed,
    outcome,
  };
  const live = () => !gone.signal.aborted && !res.destroyed;
  return {
    request: recorded,
    gone: gone.signal,
    json: (status, body, headers = {}) => {
      if (!live()) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    },
    openEvents: (headers = {}) => {
      if (!live()) return;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
      // Headers go now, as a real stream's do, before the first event.
      res.flushHeaders();
    },
    write: (text) => {
      if (live()) res.write(text);
    },
    end: () => {
      if (live()) res.end();
    },
    pause: async (ms) => {
      if (ms <= 0) return;
      await sleep(ms, undefined, { signal: gone.signal }).catch(() => {});
    },
  };
}

/** A rough token count for scripted answers that give none: about four characters a token. */
export function roughTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Splits text into `parts` pieces of nearly equal length (at least one piece). */
export function splitText(text: string, parts: number): string[] {
  const count = Math.max(1, Math.min(parts, text.length));
  const size = Math.ceil(text.length / count);
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces.length > 0 ? pieces : [''];
}
