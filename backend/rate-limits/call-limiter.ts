/**
 * Procedure calls per minute for one key, counted per call (a batch of ten costs ten). Kept in this
 * process's memory: losing it on a restart is safe, and several instances each allow the limit, which
 * bounds the total by the instance count; what must hold across instances (sign-in failures) is in
 * Postgres instead.
 */
export interface CallLimiter {
  /** Counts one call; false when the key has used its minute. */
  take(key: string, now: number): boolean;
}

const windowMs = 60_000;
/** Past this many keys, those whose minute is over are dropped: memory stays bounded. */
const sweepAt = 50_000;

export function createCallLimiter(perMinute: number): CallLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  const sweep = (now: number) => {
    for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
  };
  return {
    take(key, now) {
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        if (windows.size >= sweepAt) sweep(now);
        window = { start: now, used: 0 };
        windows.set(key, window);
      }
      window.used++;
      return window.used <= perMinute;
    },
  };
}

/** What the API limits: calls by a signed-in user, by an address without a valid token, and sign-ins. */
export interface RateLimits {
  calls: CallLimiter;
  signIns: CallLimiter;
}

export function createRateLimits(config: { callsPerMinute: number; signInsPerMinute: number }): RateLimits {
  return {
    calls: createCallLimiter(config.callsPerMinute),
    signIns: createCallLimiter(config.signInsPerMinute),
  };
}
