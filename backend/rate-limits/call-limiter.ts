/**
 * Procedure calls per minute for one key, counted per call (a batch of ten costs ten). Kept in this
 * process's memory: losing it on a restart is safe, and several instances each allow the limit, which
 * bounds the total by the instance count; what must hold across instances (sign-in failures) is in
 * Postgres instead.
 */
export interface CallLimiter {
  /** Counts one call; false when the key has used its minute. */
  take(key: string, now: number): boolean;
  /** Whether the key has used its minute, without counting a call. */
  isOver(key: string, now: number): boolean;
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
    isOver(key, now) {
      const window = windows.get(key);
      return window !== undefined && now - window.start < windowMs && window.used >= perMinute;
    },
  };
}

/**
 * Whose each token was when it last resolved, by the token's hash: lets a call of a user who has
 * used their minute be refused before any database work (a flood of refused calls would otherwise
 * still cost a transaction each). Only ever used to refuse, never to let a call in: a token revoked
 * since is refused with 429 instead of 401 until the minute is over.
 */
export interface RecentCallers {
  remember(tokenHash: string, key: string): void;
  keyOf(tokenHash: string): string | undefined;
}

function createRecentCallers(): RecentCallers {
  const keys = new Map<string, string>();
  return {
    remember(tokenHash, key) {
      if (keys.size >= sweepAt && !keys.has(tokenHash)) keys.clear();
      keys.set(tokenHash, key);
    },
    keyOf: (tokenHash) => keys.get(tokenHash),
  };
}

/** What the API limits: calls by a signed-in user, by an address without a valid token, and sign-ins. */
export interface RateLimits {
  calls: CallLimiter;
  signIns: CallLimiter;
  callers: RecentCallers;
}

export function createRateLimits(config: { callsPerMinute: number; signInsPerMinute: number }): RateLimits {
  return {
    calls: createCallLimiter(config.callsPerMinute),
    signIns: createCallLimiter(config.signInsPerMinute),
    callers: createRecentCallers(),
  };
}
