import { ErrorCode } from '@slack/web-api';
import { slackErrorOf } from './slack.ts';
import { vendorErrorOf } from './vendor-error.ts';

/**
 * Seconds a vendor asked the caller to wait before trying again (a 429's `Retry-After`), from the
 * error a provider's client threw inside `withConnection`; undefined when it named none.
 */
export function retryAfterSeconds(error: unknown): number | undefined {
  const slack = slackErrorOf(error);
  if (slack) return slack.code === ErrorCode.RateLimitedError ? slack.retryAfter : undefined;
  const header = vendorErrorOf(error)?.headers?.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  // An HTTP date instead of seconds.
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
