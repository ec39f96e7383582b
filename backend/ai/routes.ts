import type { AiProviderName } from '../../shared/api/ai.ts';
import type { AiEnvironment } from '../config.ts';
import { defaultModels } from './prices.ts';

export type RemoteProviderName = Exclude<AiProviderName, 'local'>;
export const remoteProviders: readonly RemoteProviderName[] = ['anthropic', 'gemini'];

/** Where one attempt of a call goes. The key never leaves the server except towards its vendor. */
export interface AiRoute {
  provider: AiProviderName;
  model: string;
  apiKey?: string;
  baseUrl?: string;
}

/** An org's choice with its keys opened; every field may be unset (the environment decides). */
export interface OrgAiChoice {
  provider: AiProviderName | null;
  model: string | null;
  keys: Partial<Record<RemoteProviderName, string>>;
}

const localModel = defaultModels.local;

/** The environment's model for a provider, else the one `prices.ts` names (used when neither the org nor the environment does). */
export function defaultModelOf(provider: AiProviderName, env: AiEnvironment): string {
  return provider === 'local' ? localModel : (env.models[provider] ?? defaultModels[provider]);
}

export function keyOf(
  provider: RemoteProviderName,
  choice: OrgAiChoice,
  env: AiEnvironment,
): string | undefined {
  return choice.keys[provider] ?? env.keys[provider];
}

/** The org's provider, else the environment's; `auto` is the first remote provider with a key. */
export function chosenProvider(choice: OrgAiChoice, env: AiEnvironment): AiProviderName {
  if (choice.provider) return choice.provider;
  if (env.provider !== 'auto') return env.provider;
  return remoteProviders.find((p) => keyOf(p, choice, env)) ?? 'local';
}

/**
 * The order a call tries providers in: the chosen one, the other remote providers that have a key,
 * and always `local` last, so a call is answered even with every vendor down. A remote provider
 * without a key is left out (nothing could authenticate it).
 */
export function routesFor(choice: OrgAiChoice, env: AiEnvironment): AiRoute[] {
  const chosen = chosenProvider(choice, env);
  // Chosen on purpose (or no key anywhere): nothing leaves the server.
  if (chosen === 'local') return [{ provider: 'local', model: localModel }];
  const order = [chosen, ...remoteProviders.filter((p) => p !== chosen)];
  const routes: AiRoute[] = [];
  for (const provider of order) {
    const model = provider === chosen && choice.model ? choice.model : defaultModelOf(provider, env);
    const apiKey = keyOf(provider, choice, env);
    if (apiKey) routes.push({ provider, model, apiKey, baseUrl: env.baseUrls[provider] });
  }
  routes.push({ provider: 'local', model: localModel });
  return routes;
}
