import type { AiProviderName, Usage } from './provider.ts';

/** The model a call uses when the org chose none. */
export const defaultModels: Record<AiProviderName, string> = {
  local: 'cscx-local-1',
  anthropic: 'claude-sonnet-4-5',
  gemini: 'gemini-2.5-flash',
};

/** The model `embed` uses; Anthropic has no embeddings API. */
export const defaultEmbeddingModels: Record<Exclude<AiProviderName, 'anthropic'>, string> = {
  local: 'cscx-local-1',
  gemini: 'gemini-embedding-001',
};

interface Price {
  /** USD per million input (prompt) tokens. */
  input: number;
  /** USD per million output tokens (Gemini's thinking tokens included). */
  output: number;
}

/**
 * List prices, standard tier, no batch or cache discounts, for prompts up to 200k tokens. Taken
 * in early 2026 from the vendors' pricing pages (platform.claude.com/docs/en/about-claude/pricing,
 * ai.google.dev/gemini-api/docs/pricing) as republished by several price trackers; check them
 * again before trusting a bill to them. A key matches a model name that starts with it, so a dated
 * snapshot ("claude-sonnet-4-5-20250929") takes its family's price; the longest key wins.
 */
const prices: Record<Exclude<AiProviderName, 'local'>, Record<string, Price>> = {
  anthropic: {
    'claude-opus-4-6': { input: 5, output: 25 },
    'claude-opus-4-5': { input: 5, output: 25 },
    'claude-opus-4-1': { input: 15, output: 75 },
    'claude-opus-4': { input: 15, output: 75 },
    'claude-sonnet-4-6': { input: 3, output: 15 },
    'claude-sonnet-4-5': { input: 3, output: 15 },
    'claude-sonnet-4': { input: 3, output: 15 },
    'claude-3-7-sonnet': { input: 3, output: 15 },
    'claude-haiku-4-5': { input: 1, output: 5 },
    'claude-3-5-haiku': { input: 0.8, output: 4 },
    'claude-3-haiku': { input: 0.25, output: 1.25 },
  },
  gemini: {
    'gemini-2.5-pro': { input: 1.25, output: 10 },
    'gemini-2.5-flash': { input: 0.3, output: 2.5 },
    'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
    'gemini-2.0-flash': { input: 0.1, output: 0.4 },
    'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
    'gemini-embedding-001': { input: 0.15, output: 0 },
  },
};

function priceOf(provider: Exclude<AiProviderName, 'local'>, model: string): Price {
  const table = prices[provider];
  const family = Object.keys(table)
    .filter((key) => model.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  // A model the table does not know (newer than it, or a custom name) is priced as the provider's
  // default model: an estimate in the right range rather than a silent zero.
  return table[family ?? defaultModels[provider]] as Price;
}

/** The call's estimated cost in USD; the local provider costs nothing. */
export function estimateCostUsd(provider: AiProviderName, model: string, usage: Usage): number {
  if (provider === 'local') return 0;
  const price = priceOf(provider, model);
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}
