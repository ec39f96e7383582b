import {
  createTRPCClient,
  httpBatchLink,
  httpBatchStreamLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from '../../backend/trpc/app-router.ts';
import { maxCallsPerBatch } from '../../shared/api/limits.ts';

export type ApiClient = TRPCClient<AppRouter>;

export interface ApiTarget {
  backendUrl: string;
  token: string | null;
}

/** Procedures that answer with a stream, sent as a streamed POST. */
const streamedPaths = new Set(['drafts.generate']);

/**
 * A tRPC client for one backend and token. Queries are POSTed so participants' addresses never sit in
 * URLs or server logs. A draft streams over its own POST (one call a request): the bearer token stays
 * in a header, and aborting the call closes that request, which stops the model on the server.
 */
export function createApiClient(target: ApiTarget, fetchImpl?: typeof fetch): ApiClient {
  const options = {
    url: `${target.backendUrl.replace(/\/+$/, '')}/trpc`,
    methodOverride: 'POST' as const,
    headers: () => (target.token ? { Authorization: `Bearer ${target.token}` } : {}),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => streamedPaths.has(op.path),
        true: httpBatchStreamLink({ ...options, maxItems: 1 }),
        false: httpBatchLink({ ...options, maxItems: maxCallsPerBatch }),
      }),
    ],
  });
}
