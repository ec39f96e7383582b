import type { FastifyReply, FastifyRequest } from 'fastify';
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
 * A stand-in for Slack as `@slack/web-api` calls it: `GET /oauth/v2/authorize` (the consent page,
 * answered at once with the redirect back), and Web API methods at `POST /api/<method>` with
 * form bodies and the token as a bearer — `oauth.v2.access` (code with the PKCE verifier checked,
 * or `refresh_token` when token rotation is on), `auth.test`, `auth.revoke`. Platform errors are
 * HTTP 200 with `{ ok: false, error }`; a rate limit is a 429 with `Retry-After`.
 */
export interface FakeSlack {
  url: string;
  clientId: string;
  clientSecret: string;
  consent: Consent;
  /** Token rotation: bot tokens that lapse after this many seconds, with refresh tokens. Off: undefined. */
  rotationSeconds: number | undefined;
  requests: { method: string; path: string; params: Record<string, string> }[];
  /** The next call of this method gets a 429 with this Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /** Bot tokens answer `token_expired` from now on, as if they lapsed. */
  expireAccessTokens(): void;
  secrets(): string[];
  isRevoked(accessToken: string): boolean;
  close(): Promise<void>;
}

export const slackTeam = { id: 'T0FAKE123', name: 'Acme Customer Success' };

type TokenState = 'live' | 'expired' | 'revoked';

export async function startFakeSlack(
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<FakeSlack> {
  const clientId = options.clientId ?? '1234567890.0987654321';
  const clientSecret = options.clientSecret ?? 'fake-slack-client-secret';
  const app = formServer();
  const codes = new Map<string, PendingCode>();
  const botTokens = new Map<string, TokenState>();
  const refreshTokens = new Set<string>();
  const rateLimits = new Map<string, number>();
  const seen = new Set<string>([clientSecret]);
  const fake: FakeSlack = {
    url: '',
    clientId,
    clientSecret,
    consent: 'grant',
    rotationSeconds: undefined,
    requests: [],
    rateLimitNext: (method, seconds) => rateLimits.set(method, seconds),
    expireAccessTokens: () => {
      for (const [token, state] of botTokens) if (state === 'live') botTokens.set(token, 'expired');
    },
    secrets: () => [...seen],
    isRevoked: (token) => botTokens.get(token) === 'revoked',
    close: () => app.close(),
  };

  app.get('/oauth/v2/authorize', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    fake.requests.push({
      method: 'GET',
      path: '/oauth/v2/authorize',
      params: query as Record<string, string>,
    });
    const problem = authorisationProblem(query, clientId);
    if (problem) return reply.code(400).type('text/html').send(`<p>${problem}</p>`);
    const back = new URL(query.redirect_uri as string);
    back.searchParams.set('state', query.state as string);
    if (fake.consent !== 'grant') {
      back.searchParams.set('error', fake.consent.error);
      return reply.redirect(back.toString(), 302);
    }
    const code = opaque('fake-code-');
    seen.add(code);
    codes.set(code, {
      clientId,
      redirectUri: query.redirect_uri as string,
      challenge: query.code_challenge as string,
      method: 'S256',
      scopes: (query.scope ?? '').split(',').filter(Boolean),
    });
    back.searchParams.set('code', code);
    return reply.redirect(back.toString(), 302);
  });

  const issue = (scopes: string[]) => {
    const accessToken = opaque(fake.rotationSeconds ? 'xoxe.xoxb-fake-' : 'xoxb-fake-');
    seen.add(accessToken);
    botTokens.set(accessToken, 'live');
    const rotation: Record<string, unknown> = {};
    if (fake.rotationSeconds) {
      const refreshToken = opaque('xoxe-1-fake-');
      seen.add(refreshToken);
      refreshTokens.add(refreshToken);
      Object.assign(rotation, { refresh_token: refreshToken, expires_in: fake.rotationSeconds });
    }
    return {
      ok: true,
      app_id: 'A0FAKE',
      authed_user: { id: 'U0FAKEADMIN' },
      scope: scopes.join(','),
      token_type: 'bot',
      access_token: accessToken,
      bot_user_id: 'U0FAKEBOT',
      team: slackTeam,
      enterprise: null,
      is_enterprise_install: false,
      ...rotation,
    };
  };

  const methods: Record<string, (form: Record<string, string>, bearer: string | undefined) => object> = {
    'oauth.v2.access': (form) => {
      if (form.client_id !== clientId) return { ok: false, error: 'invalid_client_id' };
      if (form.client_secret !== clientSecret) return { ok: false, error: 'bad_client_secret' };
      if (form.grant_type === 'refresh_token') {
        if (!form.refresh_token || !refreshTokens.delete(form.refresh_token))
          return { ok: false, error: 'invalid_refresh_token' };
        return issue(['chat:write', 'channels:history', 'groups:history']);
      }
      const pending = form.code ? codes.get(form.code) : undefined;
      if (!pending) return { ok: false, error: 'invalid_code' };
      codes.delete(form.code as string);
      if (form.redirect_uri !== pending.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
      if (!form.code_verifier || s256(form.code_verifier) !== pending.challenge)
        return { ok: false, error: 'invalid_code_verifier' };
      return issue(pending.scopes);
    },
    'auth.test': (_form, bearer) => {
      const state = bearer ? botTokens.get(bearer) : undefined;
      if (state === 'expired') return { ok: false, error: 'token_expired' };
      if (state !== 'live') return { ok: false, error: 'invalid_auth' };
      return {
        ok: true,
        url: 'https://acme-cs.slack.com/',
        team: slackTeam.name,
        user: 'cscx',
        team_id: slackTeam.id,
        user_id: 'U0FAKEBOT',
        bot_id: 'B0FAKE',
        is_enterprise_install: false,
      };
    },
    'auth.revoke': (_form, bearer) => {
      if (!bearer || botTokens.get(bearer) !== 'live') return { ok: false, error: 'invalid_auth' };
      botTokens.set(bearer, 'revoked');
      return { ok: true, revoked: true };
    },
  };

  app.post(
    '/api/:method',
    async (request: FastifyRequest<{ Params: { method: string } }>, reply: FastifyReply) => {
      const form = (request.body ?? {}) as Record<string, string>;
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? form.token;
      const { method } = request.params;
      fake.requests.push({ method: 'POST', path: `/api/${method}`, params: form });
      for (const field of secretFields) if (form[field]) seen.add(form[field]);
      const retryAfter = rateLimits.get(method);
      if (retryAfter !== undefined) {
        rateLimits.delete(method);
        return reply
          .code(429)
          .header('retry-after', String(retryAfter))
          .send({ ok: false, error: 'ratelimited' });
      }
      const handler = methods[method];
      if (!handler) return { ok: false, error: 'unknown_method' };
      return handler(form, bearer);
    },
  );

  fake.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return fake;
}
