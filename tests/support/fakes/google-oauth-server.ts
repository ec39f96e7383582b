import type { FastifyReply } from 'fastify';
import {
  authorisationProblem,
  type Consent,
  formServer,
  opaque,
  type PendingCode,
  s256,
  secretFields,
} from './oauth-wire.ts';

/**
 * A stand-in for Google's OAuth 2.0 endpoints as google-auth-library calls them, at one origin:
 * the consent page (`GET /o/oauth2/v2/auth`, answered at once with the redirect back), the token
 * endpoint (`POST /token`: `authorization_code` with the PKCE verifier checked, `refresh_token`),
 * `POST /revoke`, and Gmail's `GET /gmail/v1/users/{userId}/profile` as a call that needs a valid
 * access token. Errors in Google's shapes: `{ error, error_description }` from the OAuth endpoints,
 * `{ error: { code, message, status } }` from the API.
 */
export interface FakeGoogle {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The next consent page grants, or redirects back with `?error=`. */
  consent: Consent;
  /** Who signs in on the next consent page. */
  account: { email: string; sub: string };
  /** Seconds each issued access token lives (Google's usual: 3599). */
  accessTokenSeconds: number;
  /** Every request, in order: method, path and the form body or query. */
  requests: { method: string; path: string; params: Record<string, string> }[];
  /** The next Gmail call gets a 429 with this Retry-After. */
  rateLimitNext(retryAfterSeconds: number): void;
  /** Access tokens the fake no longer accepts, as if they lapsed early. */
  refuseAccessTokens(): void;
  /** Every token, code and verifier the fake issued or received. */
  secrets(): string[];
  /** The grant of this refresh token was revoked. */
  isRevoked(refreshToken: string): boolean;
  close(): Promise<void>;
}

interface Grant {
  email: string;
  sub: string;
  scopes: string[];
  refreshToken: string;
  revoked: boolean;
}

function idToken(grant: Grant, clientId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: 'RS256', kid: 'fake', typ: 'JWT' }),
    part({
      iss: 'https://accounts.google.com',
      aud: clientId,
      sub: grant.sub,
      email: grant.email,
      email_verified: true,
      iat: now,
      exp: now + 3600,
    }),
    'fake-signature',
  ].join('.');
}

export async function startFakeGoogle(
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<FakeGoogle> {
  const clientId = options.clientId ?? 'fake-client.apps.googleusercontent.com';
  const clientSecret = options.clientSecret ?? 'GOCSPX-fake-secret';
  const app = formServer();
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, Grant>();
  const grantsByRefresh = new Map<string, Grant>();
  const seen = new Set<string>([clientSecret]);
  let rateLimit: number | undefined;
  const fake: FakeGoogle = {
    url: '',
    clientId,
    clientSecret,
    consent: 'grant',
    account: { email: 'dana@acme.example', sub: '1098765432101234567' },
    accessTokenSeconds: 3599,
    requests: [],
    rateLimitNext: (seconds) => {
      rateLimit = seconds;
    },
    refuseAccessTokens: () => accessTokens.clear(),
    secrets: () => [...seen],
    isRevoked: (refreshToken) => grantsByRefresh.get(refreshToken)?.revoked === true,
    close: () => app.close(),
  };
  const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
    reply.code(status).send({ error, error_description: description });

  app.addHook('onRequest', async (request) => {
    const [path = '/'] = request.url.split('?');
    fake.requests.push({ method: request.method, path, params: {} });
  });
  app.addHook('preHandler', async (request) => {
    const last = fake.requests.at(-1);
    if (last)
      last.params = { ...(request.query as object), ...((request.body as object) ?? {}) } as Record<
        string,
        string
      >;
  });

  app.get('/o/oauth2/v2/auth', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const problem = authorisationProblem(query, clientId);
    if (problem) return reply.code(400).type('text/html').send(`<p>Error 400: ${problem}</p>`);
    const back = new URL(query.redirect_uri as string);
    back.searchParams.set('state', query.state as string);
    if (fake.consent !== 'grant') {
      back.searchParams.set('error', fake.consent.error);
      return reply.redirect(back.toString(), 302);
    }
    const code = opaque('4/0Afake');
    seen.add(code);
    codes.set(code, {
      clientId,
      redirectUri: query.redirect_uri as string,
      challenge: query.code_challenge as string,
      method: query.code_challenge_method as string,
      scopes: (query.scope ?? '').split(' ').filter(Boolean),
      account: { ...fake.account },
    });
    back.searchParams.set('code', code);
    return reply.redirect(back.toString(), 302);
  });

  const issueAccess = (grant: Grant) => {
    const accessToken = opaque('ya29.fake-');
    seen.add(accessToken);
    accessTokens.set(accessToken, grant);
    return {
      access_token: accessToken,
      expires_in: fake.accessTokenSeconds,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
      id_token: idToken(grant, clientId),
    };
  };

  app.post('/token', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string>;
    for (const field of secretFields) if (form[field]) seen.add(form[field]);
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      return oauthError(reply, 401, 'invalid_client', 'The OAuth client was not found.');
    }
    if (form.grant_type === 'authorization_code') {
      const pending = form.code ? codes.get(form.code) : undefined;
      if (!pending) return oauthError(reply, 400, 'invalid_grant', 'Malformed auth code.');
      codes.delete(form.code as string);
      if (form.redirect_uri !== pending.redirectUri)
        return oauthError(reply, 400, 'redirect_uri_mismatch', 'Bad Request');
      if (!form.code_verifier || s256(form.code_verifier) !== pending.challenge) {
        return oauthError(reply, 400, 'invalid_grant', 'Invalid code verifier.');
      }
      const grant: Grant = {
        ...(pending.account ?? fake.account),
        scopes: pending.scopes,
        refreshToken: opaque('1//0fake-'),
        revoked: false,
      };
      seen.add(grant.refreshToken);
      grantsByRefresh.set(grant.refreshToken, grant);
      return { ...issueAccess(grant), refresh_token: grant.refreshToken };
    }
    if (form.grant_type === 'refresh_token') {
      const grant = form.refresh_token ? grantsByRefresh.get(form.refresh_token) : undefined;
      if (!grant || grant.revoked)
        return oauthError(reply, 400, 'invalid_grant', 'Token has been expired or revoked.');
      return issueAccess(grant);
    }
    return oauthError(reply, 400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  });

  app.post('/revoke', async (request, reply) => {
    const token =
      (request.query as { token?: string }).token ?? (request.body as { token?: string } | undefined)?.token;
    const byRefresh = token ? grantsByRefresh.get(token) : undefined;
    const grant = byRefresh ?? (token ? accessTokens.get(token) : undefined);
    if (!grant || grant.revoked) return oauthError(reply, 400, 'invalid_token', 'Token expired or revoked');
    grant.revoked = true;
    for (const [access, owner] of accessTokens) if (owner === grant) accessTokens.delete(access);
    return {};
  });

  app.get('/gmail/v1/users/:userId/profile', async (request, reply) => {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const grant = bearer ? accessTokens.get(bearer) : undefined;
    if (rateLimit !== undefined) {
      const retryAfter = String(rateLimit);
      rateLimit = undefined;
      return reply
        .code(429)
        .header('retry-after', retryAfter)
        .send({
          error: {
            code: 429,
            message: `User-rate limit exceeded. Retry after ${retryAfter}s`,
            errors: [
              { message: 'User-rate limit exceeded.', domain: 'usageLimits', reason: 'rateLimitExceeded' },
            ],
            status: 'RESOURCE_EXHAUSTED',
          },
        });
    }
    if (!grant) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"')
        .send({
          error: {
            code: 401,
            message:
              'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
            errors: [
              {
                message: 'Invalid Credentials',
                domain: 'global',
                reason: 'authError',
                location: 'Authorization',
                locationType: 'header',
              },
            ],
            status: 'UNAUTHENTICATED',
          },
        });
    }
    return { emailAddress: grant.email, messagesTotal: 1200, threadsTotal: 800, historyId: '123456' };
  });

  fake.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return fake;
}
