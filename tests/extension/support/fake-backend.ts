import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

/**
 * A stand-in CSCX backend that speaks tRPC's HTTP wire format (batched, POSTed queries, plain JSON), so
 * the sidebar's real tRPC client is exercised end to end without a server. A streamed procedure
 * (`drafts.generate`) is answered by tRPC's own server over the fetch adapter, in its streamed format.
 */
export type Procedure = (input: unknown, authorization: string | null) => unknown;

export interface Call {
  path: string;
  input: unknown;
  authorization: string | null;
  /** A streamed call's request signal: aborted once the client went away, as a closed connection is. */
  signal?: AbortSignal;
}

/** The events a streamed procedure answers with; throwing a FakeProcedureError fails the call. */
export type StreamedProcedure = (input: unknown, call: Call) => AsyncIterable<unknown>;

export class FakeProcedureError extends Error {
  constructor(
    readonly code:
      | 'UNAUTHORIZED'
      | 'FORBIDDEN'
      | 'BAD_REQUEST'
      | 'NOT_FOUND'
      | 'CONFLICT'
      | 'TOO_MANY_REQUESTS',
    message = code.toLowerCase(),
  ) {
    super(message);
  }
}

const httpStatus = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
} as const;

export interface FakeBackend {
  fetch: typeof fetch;
  calls: Call[];
  procedures: Record<string, Procedure>;
  streams: Record<string, StreamedProcedure>;
  /** While down, every request fails as a refused connection does. */
  down: boolean;
}

export function fakeBackend(
  procedures: Record<string, Procedure>,
  streams: Record<string, StreamedProcedure> = {},
): FakeBackend {
  const backend: FakeBackend = {
    calls: [],
    procedures,
    streams,
    down: false,
    fetch: async (resource, init) => {
      if (backend.down) throw new TypeError('Failed to fetch');
      if (new Headers(init?.headers).get('trpc-accept') === 'application/jsonl')
        return streamedAnswer(backend, new Request(String(resource), init), init?.signal ?? null);
      const url = new URL(String(resource));
      const paths = decodeURIComponent(url.pathname.replace(/^\/trpc\//, '')).split(',');
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      const headers = new Headers(init?.headers);
      const authorization = headers.get('authorization');
      const results = await Promise.all(
        paths.map(async (path, index) => {
          const input = body[String(index)];
          backend.calls.push({ path, input, authorization });
          const procedure = backend.procedures[path];
          try {
            if (!procedure) throw new FakeProcedureError('NOT_FOUND', `no procedure ${path}`);
            return { status: 200, json: { result: { data: await procedure(input, authorization) } } };
          } catch (error) {
            if (!(error instanceof FakeProcedureError)) throw error;
            const status = httpStatus[error.code];
            return {
              status,
              json: {
                error: {
                  message: error.message,
                  code: -32000,
                  data: { code: error.code, httpStatus: status, path },
                },
              },
            };
          }
        }),
      );
      const statuses = new Set(results.map((r) => r.status));
      const status = statuses.size === 1 ? (results[0]?.status ?? 200) : 207;
      return new Response(JSON.stringify(results.map((r) => r.json)), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    },
  };
  return backend;
}

/** tRPC's own server for the streamed procedures, each recording its call before its first event. */
function streamedAnswer(backend: FakeBackend, request: Request, signal: AbortSignal | null) {
  const t = initTRPC.context<{ authorization: string | null }>().create();
  const routes: Record<string, Record<string, unknown>> = {};
  for (const [path, stream] of Object.entries(backend.streams)) {
    const [group = '', name = ''] = path.split('.');
    routes[group] = {
      ...routes[group],
      [name]: t.procedure
        .input((value: unknown) => value)
        .mutation(async function* ({ input, ctx, signal: requestSignal }) {
          const call: Call = { path, input, authorization: ctx.authorization, signal: requestSignal };
          backend.calls.push(call);
          try {
            yield* stream(input, call);
          } catch (error) {
            if (!(error instanceof FakeProcedureError)) throw error;
            throw new TRPCError({ code: error.code, message: error.message });
          }
        }),
    };
  }
  const router = t.router(routes as Parameters<typeof t.router>[0]);
  const answer = fetchRequestHandler({
    endpoint: '/trpc',
    req: request,
    router,
    createContext: () => ({ authorization: request.headers.get('authorization') }),
  });
  return answer.then((response) => (signal ? endedOnAbort(response, signal) : response));
}

/**
 * What a browser's fetch does when its signal aborts mid-body: the body the client reads fails with
 * an AbortError, and the server's stream is cancelled, as a closed connection cancels it.
 */
function endedOnAbort(response: Response, signal: AbortSignal): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal.addEventListener('abort', () => {
        void reader.cancel(signal.reason);
        controller.error(new DOMException('The operation was aborted.', 'AbortError'));
      });
    },
    async pull(controller) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (signal.aborted) return;
      if (done || !value) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
