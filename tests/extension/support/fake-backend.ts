/**
 * A stand-in CSCX backend that speaks tRPC's HTTP wire format (batched, POSTed queries, plain JSON), so
 * the sidebar's real tRPC client is exercised end to end without a server.
 */
export type Procedure = (input: unknown, authorization: string | null) => unknown;

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
  calls: { path: string; input: unknown; authorization: string | null }[];
  procedures: Record<string, Procedure>;
  /** While down, every request fails as a refused connection does. */
  down: boolean;
}

export function fakeBackend(procedures: Record<string, Procedure>): FakeBackend {
  const backend: FakeBackend = {
    calls: [],
    procedures,
    down: false,
    fetch: async (resource, init) => {
      if (backend.down) throw new TypeError('Failed to fetch');
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
