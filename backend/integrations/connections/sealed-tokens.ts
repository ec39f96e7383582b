import { z } from 'zod';
import type { ConnectionProvider } from '../../../shared/api/connections.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import type { TokenSet } from './provider.ts';

/** Names what a sealed value belongs to, as the AI keys do: copied into another row, it does not open. */
export function tokensPurpose(orgId: string, provider: ConnectionProvider, userId: string | null): string {
  return `org:${orgId}:connection:${provider}:${userId ? `user:${userId}` : 'org'}`;
}

export function verifierPurpose(orgId: string, stateHash: string): string {
  return `org:${orgId}:oauth-state:${stateHash}`;
}

const sealedTokens = z.object({ accessToken: z.string(), refreshToken: z.string().optional() });

export interface ConnectionOwnerKey {
  orgId: string;
  provider: ConnectionProvider;
  userId: string | null;
}

/** Only the tokens are sealed; expiry and scopes stay readable in their columns for the health view. */
export function sealTokens(secrets: SecretBox, owner: ConnectionOwnerKey, tokens: TokenSet): string {
  const { accessToken, refreshToken } = tokens;
  return secrets.seal(
    JSON.stringify({ accessToken, ...(refreshToken ? { refreshToken } : {}) }),
    tokensPurpose(owner.orgId, owner.provider, owner.userId),
  );
}

export function openTokens(
  secrets: SecretBox,
  owner: ConnectionOwnerKey,
  sealed: string,
): { accessToken: string; refreshToken?: string } {
  const text = secrets.open(sealed, tokensPurpose(owner.orgId, owner.provider, owner.userId));
  const { accessToken, refreshToken } = sealedTokens.parse(JSON.parse(text));
  return { accessToken, ...(refreshToken ? { refreshToken } : {}) };
}
