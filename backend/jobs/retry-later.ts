import { retryDelayMs } from './backoff.ts';

/**
 * A handler's failure that says how long to wait: a vendor's 429 with `Retry-After`. The queue's
 * retry then waits at least that long (its own backoff when that is longer), so a rate-limited
 * call is not tried again while the vendor still refuses it.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The delay before a failed run's retry: the backoff with jitter, or longer when the handler asked. */
export function retryDelayFor(thrown: unknown, attempt: number, random: () => number): number {
  const backoff = retryDelayMs(attempt, random);
  return thrown instanceof RetryLater ? Math.max(backoff, thrown.afterMs) : backoff;
}
