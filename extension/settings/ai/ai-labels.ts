import type { AiFeature, AiProviderName } from '../../../shared/api/ai.ts';

export type RemoteProvider = Exclude<AiProviderName, 'local'>;
export const remoteProviders: readonly RemoteProvider[] = ['anthropic', 'gemini'];

/** As the provider select offers them. */
export const providerChoices: Record<AiProviderName, string> = {
  local: 'Local (on this server, no network)',
  anthropic: 'Anthropic (Claude)',
  gemini: 'Google Gemini',
};

/** As a list or a table names them. */
export const providerNames: Record<AiProviderName, string> = {
  local: 'Local',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
};

export const featureNames: Record<AiFeature, string> = {
  'thread.analysis': 'Thread analysis',
  'draft.reply': 'Reply drafts',
  'meeting.brief': 'Meeting briefs',
  'meeting.summary': 'Meeting summaries',
  embedding: 'Embeddings (search)',
};

const count = new Intl.NumberFormat('en');
/** Small sums matter when a call costs a fraction of a cent. */
const usd = new Intl.NumberFormat('en', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

export function formatCount(value: number): string {
  return count.format(value);
}

export function formatUsd(value: number): string {
  return usd.format(value);
}
