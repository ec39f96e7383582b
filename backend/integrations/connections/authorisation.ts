import { createHash, randomBytes } from 'node:crypto';

/** How long an authorisation link works: long enough to sign in and consent, short enough to go stale. */
export const authorisationLifetimeMs = 10 * 60_000;

export interface NewAuthorisation {
  /** Sent to the provider and back; only its hash is stored. */
  state: string;
  stateHash: string;
  /** PKCE (RFC 7636): the verifier stays on the server, the S256 challenge goes in the link. */
  codeVerifier: string;
  codeChallenge: string;
}

export function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

export function newAuthorisation(): NewAuthorisation {
  const state = randomBytes(32).toString('base64url');
  // 64 characters of [A-Za-z0-9-_], inside RFC 7636's 43–128 unreserved characters.
  const codeVerifier = randomBytes(48).toString('base64url');
  return {
    state,
    stateHash: hashState(state),
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
  };
}
