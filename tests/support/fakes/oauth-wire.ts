import { createHash, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

/** What the OAuth fakes share: a Fastify server that reads form bodies, and PKCE as RFC 7636 says. */
export function formServer(): FastifyInstance {
  const app = Fastify();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  return app;
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function opaque(prefix: string): string {
  return `${prefix}${randomBytes(18).toString('base64url')}`;
}

/** A consent the fake grants (or refuses) when the browser opens its authorisation page. */
export type Consent = 'grant' | { error: string };

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  method: string;
  scopes: string[];
  /** Who signed in (Google: the id token's claims). */
  account?: { email: string; sub: string };
}

/** Checks the authorisation request every OAuth fake receives; returns the problem, or undefined. */
export function authorisationProblem(
  query: Record<string, string | undefined>,
  clientId: string,
): string | undefined {
  if (query.client_id !== clientId) return 'invalid_client';
  if (!query.redirect_uri) return 'redirect_uri_mismatch';
  if (!query.state) return 'missing state';
  if (!query.code_challenge || query.code_challenge_method !== 'S256')
    return 'invalid_request: PKCE S256 required';
  return undefined;
}

/** The form fields that carry a secret: each fake remembers their values, to look for in the server's log. */
export const secretFields = ['code', 'code_verifier', 'refresh_token', 'client_secret', 'token'] as const;
