import { vendorErrorOf } from '../../integrations/connections/vendor-error.ts';

/** A failure no retry can mend (what it changes is gone, the vendor refused the request itself). */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

/**
 * Google refused the request itself (a bad address, a thread that is not there, a scope not
 * granted): trying again sends the same request. Rate limits, server errors and the network are
 * worth the queue's retries.
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentFailure) return true;
  const status = vendorErrorOf(error)?.status;
  return status === 400 || status === 403 || status === 404;
}

const maxErrorLength = 1_000;

export function describeError(error: unknown): string {
  const vendor = vendorErrorOf(error);
  const text = vendor
    ? `Google ${vendor.status}${vendor.code ? ` ${vendor.code}` : ''}${vendor.detail ? `: ${vendor.detail}` : ''}`
    : error instanceof Error
      ? error.message
      : String(error);
  return text.slice(0, maxErrorLength);
}
