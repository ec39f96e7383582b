import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { CodeChallengeMethod, type Credentials, OAuth2Client } from 'google-auth-library';
import type { IntegrationsEnvironment } from '../../config.ts';
import { type Grant, type ProviderDescription, requireCredentials, type TokenSet } from './provider.ts';
import { vendorErrorOf } from './vendor-error.ts';

/**
 * The fewest scopes for the actions and meetings work (README, "Connecting Google and Slack"):
 * send mail, read mail (only to find a sent message by `rfc822msgid:` before a retry, which the
 * metadata scope cannot search, and the headers of the message replied to), events on the user's
 * own calendars (create one, and sync them with sync tokens), and who the account is.
 */
export const googleScopes = [
  'openid',
  'email',
  'https://www.googleapis.com/auth/gmail.send',
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/calendar.events.owned',
] as const;

export interface GoogleClient {
  auth: OAuth2Client;
  gmail: gmail_v1.Gmail;
  calendar: calendar_v3.Calendar;
}

function oauthClient(env: IntegrationsEnvironment, redirectUri?: string): OAuth2Client {
  const { clientId, clientSecret } = requireCredentials(googleProvider, env);
  const { accountsUrl, oauthUrl } = env.google;
  return new OAuth2Client({
    clientId,
    clientSecret,
    ...(redirectUri ? { redirectUri } : {}),
    endpoints: {
      oauth2AuthBaseUrl: `${accountsUrl}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${oauthUrl}/token`,
      oauth2RevokeUrl: `${oauthUrl}/revoke`,
      tokenInfoUrl: `${oauthUrl}/tokeninfo`,
    },
  });
}

/** The id token came straight from the token endpoint over TLS: its claims need no signature check. */
function identityOf(idToken: string | null | undefined): { email: string; sub: string } {
  const payload = idToken?.split('.')[1];
  if (!payload) return { email: '', sub: '' };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    email?: unknown;
    sub?: unknown;
  };
  return { email: String(claims.email ?? ''), sub: String(claims.sub ?? '') };
}

function tokenSetOf(credentials: Credentials, previous?: TokenSet): TokenSet {
  if (!credentials.access_token) throw new Error('Google answered without an access token');
  const refreshToken = credentials.refresh_token ?? previous?.refreshToken;
  return {
    accessToken: credentials.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    expiresAt: credentials.expiry_date ? new Date(credentials.expiry_date) : null,
    scopes: credentials.scope ? credentials.scope.split(' ').filter(Boolean) : (previous?.scopes ?? []),
  };
}

export const googleProvider: ProviderDescription<GoogleClient> = {
  name: 'google',
  label: 'Google (Gmail and Calendar)',
  owner: 'user',
  scopes: googleScopes,
  credentials: (env) => env.google.client,
  authorizationUrl(env, { state, codeChallenge, redirectUri }) {
    return oauthClient(env, redirectUri).generateAuthUrl({
      // offline + consent: a refresh token every time, also when the user connected before.
      access_type: 'offline',
      prompt: 'consent',
      scope: [...googleScopes],
      state,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
  },
  async exchange(env, { code, codeVerifier, redirectUri }): Promise<Grant> {
    const { tokens } = await oauthClient(env, redirectUri).getToken({
      code,
      codeVerifier,
      redirect_uri: redirectUri,
    });
    const { email, sub } = identityOf(tokens.id_token);
    return { ...tokenSetOf(tokens), account: email || 'Google account', externalId: sub };
  },
  async refresh(env, tokens) {
    if (!tokens.refreshToken) throw new Error('Google gave no refresh token: connect again');
    const client = oauthClient(env);
    client.setCredentials({ refresh_token: tokens.refreshToken });
    await client.getAccessToken();
    return tokenSetOf(client.credentials, tokens);
  },
  async revoke(env, tokens) {
    try {
      // Revoking the refresh token ends the whole grant, its access tokens with it.
      await oauthClient(env).revokeToken(tokens.refreshToken ?? tokens.accessToken);
      return 'revoked';
    } catch (error) {
      const vendor = vendorErrorOf(error);
      if (vendor?.status === 400 && vendor.code === 'invalid_token') return 'already_invalid';
      throw error;
    }
  },
  client(env, accessToken) {
    const auth = oauthClient(env);
    // No refresh token and no expiry here: withConnection refreshes, and stores what it got.
    auth.setCredentials({ access_token: accessToken });
    // No retries inside the client: a 429 or 5xx goes back to the action queue, whose backoff honours
    // Retry-After (retryAfterSeconds) and whose idempotency keys make a retry safe.
    const options = {
      auth,
      retry: false,
      ...(env.google.apiUrl ? { rootUrl: `${env.google.apiUrl}/` } : {}),
    };
    return {
      auth,
      gmail: gmail({ version: 'v1', ...options }),
      calendar: calendar({ version: 'v3', ...options }),
    };
  },
  isUnauthorized: (error) => vendorErrorOf(error)?.status === 401,
  describeError(error) {
    const vendor = vendorErrorOf(error);
    if (!vendor) return error instanceof Error ? error.message : String(error);
    return `Google ${vendor.status}${vendor.code ? ` ${vendor.code}` : ''}${vendor.detail ? `: ${vendor.detail}` : ''}`;
  },
};
