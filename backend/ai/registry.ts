import type { AiEnvironment } from '../config.ts';
import type { AiProvider } from './provider.ts';
import { createAnthropicProvider } from './providers/anthropic.ts';
import { createGeminiProvider } from './providers/gemini.ts';
import { localProvider } from './providers/local/index.ts';
import type { AiRoute } from './routes.ts';

/**
 * The provider an attempt goes to. A remote client is made per call with the key of the route
 * (the org's own or the environment's), so no key outlives the call in memory.
 */
export function providerFor(route: AiRoute, env: AiEnvironment): AiProvider {
  const remote = { apiKey: route.apiKey ?? '', baseUrl: route.baseUrl, timeoutMs: env.timeoutMs };
  switch (route.provider) {
    case 'local':
      return localProvider;
    case 'anthropic':
      return createAnthropicProvider(remote);
    case 'gemini':
      return createGeminiProvider(remote);
  }
}
