import { ErrorCode } from '@slack/web-api';
import { retryAfterSeconds } from '../../integrations/connections/retry-after.ts';
import { slackErrorOf, slackProvider } from '../../integrations/connections/slack.ts';
import { vendorErrorOf } from '../../integrations/connections/vendor-error.ts';
import { RetryLater } from '../../jobs/retry-later.ts';

/** A failure no retry can mend (what it changes is gone, the vendor refused the request itself). */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

/**
 * Slack's platform errors that a later try may not meet: its own trouble, and a token an admin can
 * mend by connecting again. Any other (`channel_not_found`, `not_in_channel`, `is_archived`,
 * `msg_too_long`, `missing_scope`, …) refuses the request itself, and would refuse it again.
 */
const passingSlackErrors = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'invalid_auth',
  'not_authed',
  'token_expired',
  'token_revoked',
  'account_inactive',
]);

/**
 * The vendor refused the request itself (a bad address, a thread or channel that is not there, a
 * scope not granted): trying again sends the same request. Rate limits, server errors, a refused
 * token and the network are worth the queue's retries.
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentFailure) return true;
  const slack = slackErrorOf(error);
  if (slack)
    return slack.code === ErrorCode.PlatformError && !passingSlackErrors.has(slack.data?.error ?? '');
  const status = vendorErrorOf(error)?.status;
  return status === 400 || status === 403 || status === 404;
}

const maxErrorLength = 1_000;

export function describeError(error: unknown): string {
  if (slackErrorOf(error)) return slackProvider.describeError(error).slice(0, maxErrorLength);
  const vendor = vendorErrorOf(error);
  const text = vendor
    ? `Google ${vendor.status}${vendor.code ? ` ${vendor.code}` : ''}${vendor.detail ? `: ${vendor.detail}` : ''}`
    : error instanceof Error
      ? error.message
      : String(error);
  return text.slice(0, maxErrorLength);
}

/** What the queue is handed back for a run to try again: with the vendor's Retry-After, when it named one. */
export function retryOf(error: unknown): unknown {
  const seconds = retryAfterSeconds(error);
  if (seconds === undefined) return error;
  return new RetryLater(`${describeError(error)} (retry after ${seconds} s)`, seconds * 1000, {
    cause: error,
  });
}
