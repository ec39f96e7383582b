/** The first retry waits about this long, each next one twice as long, up to maxRetryDelayMs. */
export const firstRetryDelayMs = 10_000;
export const maxRetryDelayMs = 60 * 60_000;

/**
 * Exponential backoff with jitter: between half and all of `first × 2^(attempt−1)`, capped, so
 * jobs that failed together (a database restart) do not all come back in the same second.
 * `attempt` is the run that failed, 1 for the first.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxRetryDelayMs, firstRetryDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
