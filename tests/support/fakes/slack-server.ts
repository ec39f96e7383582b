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
 * or `refresh_token` when token rotation is on), `auth.test`, `auth.revoke`, `chat.postMessage`
 * (with message metadata), `conversations.history` and `conversations.replies` (metadata only with
 * `include_all_metadata`, newest first, cursor pages). Platform errors are HTTP 200 with
 * `{ ok: false, error }`; a rate limit is a 429 with `Retry-After`.
 */
export interface SlackPost {
  channel: string;
  ts: string;
  text: string;
  threadTs?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** The bot token it was posted with. */
  accessToken: string;
}

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
  /** Bot tokens answer `invalid_auth` from now on, as if the app was uninstalled. */
  invalidateAccessTokens(): void;
  /** Channels the bot is in, by id; posting elsewhere is `channel_not_found`. */
  channels: Set<string>;
  /** Every message posted, in order. */
  posts: SlackPost[];
  /** Called once a post is stored, before it is answered; `'drop'` closes the connection unanswered. */
  onPost: ((post: SlackPost) => undefined | 'drop') | undefined;
  secrets(): string[];
  isRevoked(accessToken: string): boolean;
  close(): Promise<void>;
}

export const slackTeam = { id: 'T0FAKE123', name: 'Acme Customer Success' };

type TokenState = 'live' | 'expired' | 'revoked' | 'invalid';

const tokenProblem: Record<Exclude<TokenState, 'live'>, string> = {
  expired: 'token_expired',
  revoked: 'token_revoked',
  invalid: 'invalid_auth',
};

export async function startFakeSlack(
  options: {
    clientId?: string;
    clientSecret?: string;
    /** Slack's own clock, which stamps each message's ts (a test's moved clock, so searches by time agree). */
    clock?: { now(): Date };
  } = {},
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
    invalidateAccessTokens: () => {
      for (const [token, state] of botTokens) if (state === 'live') botTokens.set(token, 'invalid');
    },
    channels: new Set(['C0FAKEGENERAL', 'C0FAKERENEWALS']),
    posts: [],
    onPost: undefined,
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

  /** Slack's message ts: seconds and a six-digit sequence, unique in the channel. */
  let sequence = 0;
  const now = () => (options.clock?.now() ?? new Date()).getTime();
  const nextTs = () => `${Math.floor(now() / 1000)}.${String(++sequence).padStart(6, '0')}`;

  const methods: Record<string, (form: Record<string, string>, bearer: string | undefined) => object> = {
    ...messageMethods(fake, nextTs),
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
      if (method.startsWith('chat.') || method.startsWith('conversations.')) {
        const state = bearer ? botTokens.get(bearer) : undefined;
        if (state !== 'live') return { ok: false, error: state ? tokenProblem[state] : 'invalid_auth' };
      }
      const answer = handler(form, bearer);
      const post = (answer as { posted?: SlackPost }).posted;
      if (post && fake.onPost?.(post) === 'drop') {
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      if (post) {
        const { posted: _posted, ...rest } = answer as { posted?: SlackPost };
        return rest;
      }
      return answer;
    },
  );

  fake.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return fake;
}

/** A message as Slack lists it; its metadata only when the caller asked for all of it. */
function messageOf(post: SlackPost, withMetadata: boolean) {
  return {
    type: 'message',
    subtype: 'bot_message',
    text: post.text,
    ts: post.ts,
    bot_id: 'B0FAKE',
    app_id: 'A0FAKE',
    ...(post.threadTs ? { thread_ts: post.threadTs } : {}),
    ...(withMetadata && post.metadata ? { metadata: post.metadata } : {}),
  };
}

/** Newest first, after `oldest`, `limit` a page with a cursor to the next (Slack's shape). */
function pageOf(posts: SlackPost[], form: Record<string, string>) {
  const oldest = Number(form.oldest ?? 0);
  const chosen = posts.filter((p) => Number(p.ts) > oldest).reverse();
  const limit = Math.min(Number(form.limit ?? 100) || 100, 1000);
  const start = form.cursor ? Number(Buffer.from(form.cursor, 'base64').toString('utf8').slice(5)) : 0;
  const page = chosen.slice(start, start + limit);
  const more = start + limit < chosen.length;
  const withMetadata = form.include_all_metadata === 'true';
  return {
    ok: true,
    messages: page.map((p) => messageOf(p, withMetadata)),
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(`next:${start + limit}`).toString('base64') : '' },
  };
}

function messageMethods(
  fake: FakeSlack,
  nextTs: () => string,
): Record<string, (form: Record<string, string>, bearer: string | undefined) => object> {
  return {
    'chat.postMessage': (form, bearer) => {
      const channel = form.channel ?? '';
      if (!fake.channels.has(channel)) return { ok: false, error: 'channel_not_found' };
      if (!form.text && !form.blocks) return { ok: false, error: 'no_text' };
      if ((form.text ?? '').length > 40_000) return { ok: false, error: 'msg_too_long' };
      let metadata: SlackPost['metadata'];
      if (form.metadata) {
        try {
          metadata = JSON.parse(form.metadata) as SlackPost['metadata'];
        } catch {
          return { ok: false, error: 'invalid_metadata_format' };
        }
        if (!metadata?.event_type || typeof metadata.event_payload !== 'object')
          return { ok: false, error: 'invalid_metadata_schema' };
      }
      const post: SlackPost = {
        channel,
        ts: nextTs(),
        text: form.text ?? '',
        ...(form.thread_ts ? { threadTs: form.thread_ts } : {}),
        ...(metadata ? { metadata } : {}),
        accessToken: bearer ?? '',
      };
      fake.posts.push(post);
      return { ok: true, channel, ts: post.ts, message: messageOf(post, true), posted: post };
    },
    'conversations.history': (form) => {
      const channel = form.channel ?? '';
      if (!fake.channels.has(channel)) return { ok: false, error: 'channel_not_found' };
      return pageOf(
        fake.posts.filter((p) => p.channel === channel && !p.threadTs),
        form,
      );
    },
    'conversations.replies': (form) => {
      const channel = form.channel ?? '';
      if (!fake.channels.has(channel)) return { ok: false, error: 'channel_not_found' };
      if (!form.ts) return { ok: false, error: 'invalid_arguments' };
      return pageOf(
        fake.posts.filter((p) => p.channel === channel && (p.ts === form.ts || p.threadTs === form.ts)),
        form,
      );
    },
  };
}
