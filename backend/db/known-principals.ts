import { isUseToRecord, type Principal, type ResolvedToken } from '../auth/principal.ts';

/**
 * Whom each token resolved to last time in this process, by the token's hash. Never trusted: a read
 * is sent with its guess beside the token's resolution in the same transaction, and the answer is
 * kept only if the resolution names the same principal (tenancy.ts). So a revoked token, a changed
 * role or org setting takes effect at once, on every instance. Bounded: past `limit` tokens the
 * oldest are forgotten (a forgotten token's next call resolves before it reads).
 */
export interface KnownPrincipals {
  /** The principal to send a read with, unless there is none or the token's use is due to be recorded. */
  guess(tokenHash: string, now: Date): Principal | undefined;
  remember(tokenHash: string, resolved: ResolvedToken): void;
  forget(tokenHash: string): void;
}

export function createKnownPrincipals(limit = 10_000): KnownPrincipals {
  const known = new Map<string, ResolvedToken>();
  return {
    guess(tokenHash, now) {
      const resolved = known.get(tokenHash);
      return resolved && !isUseToRecord(resolved.lastUsedAt, now) ? resolved.principal : undefined;
    },
    remember(tokenHash, resolved) {
      known.delete(tokenHash);
      known.set(tokenHash, resolved);
      if (known.size > limit) known.delete(known.keys().next().value as string);
    },
    forget(tokenHash) {
      known.delete(tokenHash);
    },
  };
}
