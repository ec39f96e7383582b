import type { z } from 'zod';
import type {
  ConnectionProvider,
  StartConnectionInput,
  startConnectionOutput,
} from '../../../shared/api/connections.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Config } from '../../config.ts';
import type { OrgDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { authorisationLifetimeMs, newAuthorisation } from './authorisation.ts';
import { deleteExpiredStates, insertState } from './queries.ts';
import { providerOf } from './registry.ts';
import { verifierPurpose } from './sealed-tokens.ts';

/** Where every provider sends the user back: the address registered with the vendor (README). */
export function redirectUriOf(config: Pick<Config, 'publicUrl'>, provider: ConnectionProvider): string {
  return `${config.publicUrl.replace(/\/+$/, '')}/oauth/callback/${provider}`;
}

/** An org's connection is the admins' to make; a user's own, any member who may write. */
export function mayConnect(principal: Pick<Principal, 'role'>, provider: ConnectionProvider): boolean {
  if (providerOf(provider).owner === 'org') return principal.role === 'admin';
  return principal.role !== 'viewer';
}

/**
 * Begins an authorisation: a single-use state bound to the caller and their org, stored with the
 * sealed PKCE verifier, and the provider's consent link carrying the state and the S256 challenge.
 */
export async function startConnection(
  deps: OrgDeps,
  input: StartConnectionInput,
): Promise<z.infer<typeof startConnectionOutput>> {
  const { db, principal, clock, config, secrets } = deps;
  const provider = providerOf(input.provider);
  if (!mayConnect(principal, input.provider)) {
    throw new DomainError('FORBIDDEN', `connecting ${provider.label} for the whole org needs the admin role`);
  }
  if (!provider.credentials(config.integrations)) {
    throw new DomainError(
      'BAD_REQUEST',
      `${provider.label} is not set up on this server: its client id and secret are missing (README, "Connecting Google and Slack")`,
    );
  }
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + authorisationLifetimeMs);
  const { state, stateHash, codeVerifier, codeChallenge } = newAuthorisation();
  await deleteExpiredStates(db, principal.orgId, now);
  await insertState(db, {
    orgId: principal.orgId,
    userId: principal.userId,
    provider: input.provider,
    stateHash,
    verifierSealed: secrets.seal(codeVerifier, verifierPurpose(principal.orgId, stateHash)),
    expiresAt,
  });
  const authorizationUrl = provider.authorizationUrl(config.integrations, {
    state,
    codeChallenge,
    redirectUri: redirectUriOf(config, input.provider),
  });
  return { authorizationUrl, expiresAt: expiresAt.toISOString() };
}
