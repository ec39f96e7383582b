import type { ConnectionOwner, ConnectionProvider } from '../../../shared/api/connections.ts';
import type { IntegrationsEnvironment, OAuthClientCredentials } from '../../config.ts';

/** What a provider hands back for a connection; the tokens never leave the server. */
export interface TokenSet {
  accessToken: string;
  /** Absent for a token that does not lapse (a Slack bot without rotation). */
  refreshToken?: string;
  /** Null: the access token does not lapse. */
  expiresAt: Date | null;
  scopes: string[];
}

/** A finished authorisation: the tokens and whose account they open. */
export interface Grant extends TokenSet {
  /** For a per-user provider, the account's email address: it must be the member's own (member-account.ts). */
  account: string;
  externalId: string;
}

export type RevokeOutcome = 'revoked' | 'already_invalid';

/**
 * One outside service CSCX connects to over OAuth 2.0 with PKCE. Every call takes the server's
 * environment (client ids and where the vendor is reached), so a fake stands in for the vendor in
 * tests. Zoom (meetings work) adds a file beside these and a line in `registry.ts`.
 */
export interface ProviderDescription<Client> {
  name: ConnectionProvider;
  label: string;
  /** `user`: one per user (a mailbox); `org`: one for the whole org (a workspace bot). */
  owner: ConnectionOwner;
  scopes: readonly string[];
  credentials(env: IntegrationsEnvironment): OAuthClientCredentials | undefined;
  authorizationUrl(env: IntegrationsEnvironment, request: AuthorizationRequest): string;
  exchange(env: IntegrationsEnvironment, request: CodeExchange): Promise<Grant>;
  refresh(env: IntegrationsEnvironment, tokens: TokenSet): Promise<TokenSet>;
  revoke(env: IntegrationsEnvironment, tokens: TokenSet): Promise<RevokeOutcome>;
  /** The vendor's own client, signed in with an access token. */
  client(env: IntegrationsEnvironment, accessToken: string): Client;
  /** The access token was refused (expired or revoked early): worth one refresh and a retry. */
  isUnauthorized(error: unknown): boolean;
  /** A line for the connection's health and the log: the vendor's error code, never a token. */
  describeError(error: unknown): string;
}

export interface AuthorizationRequest {
  state: string;
  codeChallenge: string;
  redirectUri: string;
}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** A provider used without its client id and secret set in the environment. */
export class ProviderNotConfigured extends Error {
  constructor(readonly provider: ConnectionProvider) {
    super(`${provider} is not configured on this server`);
  }
}

export function requireCredentials<C>(
  description: Pick<ProviderDescription<C>, 'name' | 'credentials'>,
  env: IntegrationsEnvironment,
): OAuthClientCredentials {
  const found = description.credentials(env);
  if (!found) throw new ProviderNotConfigured(description.name);
  return found;
}
