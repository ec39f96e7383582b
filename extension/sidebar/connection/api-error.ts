import { TRPCClientError } from '@trpc/client';

export type ApiFailure = 'unauthorized' | 'forbidden' | 'unreachable' | 'failed';

/** How the sidebar should react to a failed call: sign out, explain, or offer a retry. */
export function classifyApiError(error: unknown): ApiFailure {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status === 401) return 'unauthorized';
    if (status === 403) return 'forbidden';
    if (status === undefined) return 'unreachable';
    return 'failed';
  }
  return error instanceof TypeError ? 'unreachable' : 'failed';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
