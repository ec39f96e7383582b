import type { AiSettingsOutput, UpdateAiSettingsInput } from '../../../shared/api/ai.ts';
import { aiProviderNames } from '../../../shared/api/ai.ts';
import { recordAudit } from '../../audit/record.ts';
import { orgAiSettings } from '../../db/schema.ts';
import type { OrgDeps } from '../../deps.ts';
import { chosenProvider, defaultModelOf, remoteProviders, routesFor } from '../routes.ts';
import { keySource, orgAiChoice, sealedColumn, sealKey } from './keys.ts';
import { loadAiSettings, type OrgAiSettingsRow } from './queries.ts';

export async function getAiSettings(deps: OrgDeps): Promise<AiSettingsOutput> {
  return toAiSettingsOutput(deps, await loadAiSettings(deps.db, deps.principal.orgId));
}

/**
 * Saves what was given and nothing else. A key is sealed before it reaches the database and is
 * never answered back; the audit log records that a key changed, not the key.
 */
export async function updateAiSettings(
  deps: OrgDeps,
  input: UpdateAiSettingsInput,
): Promise<AiSettingsOutput> {
  const { db, principal, clock, secrets } = deps;
  const changes: Partial<OrgAiSettingsRow> = {};
  if (input.provider !== undefined) changes.provider = input.provider;
  if (input.model !== undefined) changes.model = input.model;
  if (input.redaction !== undefined) changes.redaction = input.redaction;
  if (input.logGmailThreads !== undefined) changes.logGmailThreads = input.logGmailThreads;
  const keysChanged: string[] = [];
  for (const provider of remoteProviders) {
    const key = input.apiKeys?.[provider];
    if (key === undefined) continue;
    changes[sealedColumn[provider]] = key === null ? null : sealKey(secrets, principal.orgId, provider, key);
    keysChanged.push(`${provider}: ${key === null ? 'removed' : 'set'}`);
  }
  const [row] = await db
    .insert(orgAiSettings)
    .values({ orgId: principal.orgId, ...changes, updatedAt: clock.now() })
    .onConflictDoUpdate({ target: orgAiSettings.orgId, set: { ...changes, updatedAt: clock.now() } })
    .returning();
  const { apiKeys: _keys, ...auditable } = input;
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'ai_settings.update',
    tableName: 'org_ai_settings',
    rowId: principal.orgId,
    changes: { ...auditable, ...(keysChanged.length > 0 ? { apiKeys: keysChanged } : {}) },
  });
  return toAiSettingsOutput(deps, row ?? (await loadAiSettings(db, principal.orgId)));
}

function toAiSettingsOutput({ config, secrets }: OrgDeps, row: OrgAiSettingsRow): AiSettingsOutput {
  const env = config.ai;
  const choice = orgAiChoice(row, secrets);
  return {
    // What was chosen, even before its key is saved; the chain says what calls really try.
    provider: chosenProvider(choice, env),
    model: row.model,
    defaultModels: Object.fromEntries(aiProviderNames.map((p) => [p, defaultModelOf(p, env)])) as Record<
      (typeof aiProviderNames)[number],
      string
    >,
    keys: { anthropic: keySource(row, env, 'anthropic'), gemini: keySource(row, env, 'gemini') },
    redaction: row.redaction,
    logGmailThreads: row.logGmailThreads,
    fallbackChain: routesFor(choice, env).map((r) => r.provider),
  };
}
