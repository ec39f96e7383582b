import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../backend/trpc/app-router.ts';
import { maxCallsPerBatch } from '../../shared/api/limits.ts';

export type ApiClient = TRPCClient<AppRouter>;

export interface ApiTarget {
  backendUrl: string;
  token: string | null;
}

/**
 * A tRPC client for one backend and token. Queries are POSTed so participants' addresses never sit in
 * URLs or server logs.
 */
export function createApiClient(target: ApiTarget, fetchImpl?: typeof fetch): ApiClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${target.backendUrl.replace(/\/+$/, '')}/trpc`,
        methodOverride: 'POST',
        maxItems: maxCallsPerBatch,
        headers: () => (target.token ? { Authorization: `Bearer ${target.token}` } : {}),
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      }),
    ],
  });
}
