import type { AiEnvironment } from '../../config.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import type { OrgAiChoice, RemoteProviderName } from '../routes.ts';
import type { OrgAiSettingsRow } from './queries.ts';

const sealedColumn = { anthropic: 'anthropicKeySealed', gemini: 'geminiKeySealed' } as const;

/** Binds a sealed key to its org and vendor: copied into another row, it does not open. */
export function keyPurpose(orgId: string, provider: RemoteProviderName): string {
  return `org:${orgId}:ai:${provider}`;
}

export function sealKey(
  secrets: SecretBox,
  orgId: string,
  provider: RemoteProviderName,
  key: string,
): string {
  return secrets.seal(key, keyPurpose(orgId, provider));
}

export { sealedColumn };

/** The org's settings as the call router needs them, keys opened. */
export function orgAiChoice(row: OrgAiSettingsRow, secrets: SecretBox): OrgAiChoice {
  const keys: OrgAiChoice['keys'] = {};
  for (const provider of ['anthropic', 'gemini'] as const) {
    const sealed = row[sealedColumn[provider]];
    if (sealed) keys[provider] = secrets.open(sealed, keyPurpose(row.orgId, provider));
  }
  return { provider: row.provider, model: row.model, keys };
}

export function keySource(
  row: OrgAiSettingsRow,
  env: AiEnvironment,
  provider: RemoteProviderName,
): 'org' | 'environment' | 'none' {
  if (row[sealedColumn[provider]]) return 'org';
  return env.keys[provider] ? 'environment' : 'none';
}
