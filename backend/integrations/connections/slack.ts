import {
  ErrorCode,
  LogLevel,
  type OAuthV2AccessArguments,
  type OauthV2AccessResponse,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import type { IntegrationsEnvironment } from '../../config.ts';
import { type Grant, type ProviderDescription, requireCredentials, type TokenSet } from './provider.ts';

/**
 * Bot scopes for posting to a channel, and for reading a channel's recent messages with their
 * metadata: before a retry, the actions pipeline looks for the message it may already have posted
 * (its metadata carries the action id), so a retry never posts twice. Public and private channels.
 */
export const slackScopes = ['chat:write', 'channels:history', 'groups:history'] as const;

/** The Slack client writes nothing of its own: what it would say (arguments included) stays unsaid. */
const silent: NonNullable<WebClientOptions['logger']> = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function webClient(env: IntegrationsEnvironment, token?: string): WebClient {
  // Retries are the caller's (the action queue's backoff); a 429 comes back with its Retry-After.
  return new WebClient(token, {
    slackApiUrl: `${env.slack.url}/api/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silent,
  });
}

type SlackTokenAnswer = Pick<
  OauthV2AccessResponse,
  'access_token' | 'refresh_token' | 'expires_in' | 'scope'
>;

function tokenSetOf(answer: SlackTokenAnswer, previous?: TokenSet): TokenSet {
  if (!answer.access_token) throw new Error('Slack answered without an access token');
  const refreshToken = answer.refresh_token ?? previous?.refreshToken;
  return {
    accessToken: answer.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    // A bot token without token rotation does not lapse.
    expiresAt: answer.expires_in ? new Date(Date.now() + answer.expires_in * 1000) : null,
    scopes: answer.scope ? answer.scope.split(',').filter(Boolean) : (previous?.scopes ?? []),
  };
}

export interface SlackPlatformError {
  code: string;
  data?: { error?: string };
  retryAfter?: number;
}

export function slackErrorOf(error: unknown): SlackPlatformError | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && code.startsWith('slack_webapi_')
    ? (error as SlackPlatformError)
    : undefined;
}

const refusedToken = new Set(['invalid_auth', 'token_expired', 'not_authed']);
const goneToken = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed']);

export const slackProvider: ProviderDescription<WebClient> = {
  name: 'slack',
  label: 'Slack',
  owner: 'org',
  scopes: slackScopes,
  credentials: (env) => env.slack.client,
  authorizationUrl(env, { state, codeChallenge, redirectUri }) {
    const { clientId } = requireCredentials(slackProvider, env);
    const url = new URL(`${env.slack.url}/oauth/v2/authorize`);
    url.search = new URLSearchParams({
      client_id: clientId,
      scope: slackScopes.join(','),
      redirect_uri: redirectUri,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  },
  async exchange(env, { code, codeVerifier, redirectUri }): Promise<Grant> {
    const { clientId, clientSecret } = requireCredentials(slackProvider, env);
    // The SDK's argument type predates Slack's PKCE support; the client sends every argument given.
    const request: OAuthV2AccessArguments & { code_verifier: string } = {
      client_id: clientId,
      client_secret: clientSecret,
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
    };
    const answer = await webClient(env).oauth.v2.access(request);
    return {
      ...tokenSetOf(answer),
      account: answer.team?.name ?? 'Slack workspace',
      externalId: answer.team?.id ?? '',
    };
  },
  async refresh(env, tokens) {
    if (!tokens.refreshToken) throw new Error('this Slack token does not rotate: connect again');
    const { clientId, clientSecret } = requireCredentials(slackProvider, env);
    const answer = await webClient(env).oauth.v2.access({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
    });
    return tokenSetOf(answer, tokens);
  },
  async revoke(env, tokens) {
    try {
      await webClient(env, tokens.accessToken).auth.revoke();
      return 'revoked';
    } catch (error) {
      const slack = slackErrorOf(error);
      if (slack?.code === ErrorCode.PlatformError && goneToken.has(slack.data?.error ?? '')) {
        return 'already_invalid';
      }
      throw error;
    }
  },
  client: (env, accessToken) => webClient(env, accessToken),
  isUnauthorized(error) {
    const slack = slackErrorOf(error);
    return slack?.code === ErrorCode.PlatformError && refusedToken.has(slack.data?.error ?? '');
  },
  describeError(error) {
    const slack = slackErrorOf(error);
    if (slack?.code === ErrorCode.PlatformError) return `Slack: ${slack.data?.error ?? 'error'}`;
    if (slack?.code === ErrorCode.RateLimitedError) {
      return `Slack: rate limited, retry after ${slack.retryAfter ?? '?'} s`;
    }
    return error instanceof Error ? error.message : String(error);
  },
};
