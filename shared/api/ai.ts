import { z } from 'zod';
import { id, isoDateTime } from './common.ts';

/** Where a model call can go. `local` needs no key and no network: the default and the last fallback. */
export const aiProviderNames = ['local', 'anthropic', 'gemini'] as const;
export type AiProviderName = (typeof aiProviderNames)[number];

/** What a model call was for: the rows of the usage report, and the `feature` of every `ai_runs` row. */
export const aiFeatures = [
  'thread.analysis',
  'draft.reply',
  'meeting.brief',
  'meeting.summary',
  'embedding',
] as const;
export type AiFeature = (typeof aiFeatures)[number];

/** How a call ended, as `ai_runs.status` records it. */
export const aiRunStatuses = ['ok', 'failed', 'fell_back', 'aborted'] as const;
export type AiRunStatus = (typeof aiRunStatuses)[number];

/**
 * The org's choice. The API key is write-only: after saving, no client ever sees it again, only
 * whether one is set and where it comes from (the org's settings or the server's environment).
 */
export const aiSettingsOutput = z.object({
  provider: z.enum(aiProviderNames),
  /** Null: the provider's default model (`defaultModels`). */
  model: z.string().nullable(),
  defaultModels: z.record(z.enum(aiProviderNames), z.string()),
  keys: z.record(z.enum(['anthropic', 'gemini']), z.enum(['org', 'environment', 'none'])),
  /** Names, emails, phone numbers, cards, IBANs, addresses and ids replaced before text leaves for a remote model. */
  redaction: z.boolean(),
  /** The sidebar logs a customer's Gmail thread on their timeline when the CSM opens it. */
  logGmailThreads: z.boolean(),
  /** The order calls are tried in: the chosen provider, other configured ones, then `local`. */
  fallbackChain: z.array(z.enum(aiProviderNames)),
});
export type AiSettingsOutput = z.infer<typeof aiSettingsOutput>;

const apiKey = z.string().trim().min(8, 'too short to be an API key').max(500);

export const updateAiSettingsInput = z.object({
  provider: z.enum(aiProviderNames).optional(),
  model: z.string().trim().min(1).max(200).nullable().optional(),
  /** A new key for a remote provider; `null` removes the org's own key (the environment's, if any, applies). */
  apiKeys: z
    .object({ anthropic: apiKey.nullable().optional(), gemini: apiKey.nullable().optional() })
    .optional(),
  redaction: z.boolean().optional(),
  logGmailThreads: z.boolean().optional(),
});
export type UpdateAiSettingsInput = z.infer<typeof updateAiSettingsInput>;

const usageFigures = {
  calls: z.number().int(),
  failed: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** Estimated from the price table in `backend/ai/prices.ts`; local calls cost nothing. */
  costUsd: z.number(),
};

export const aiUsageOutput = z.object({
  since: isoDateTime,
  total: z.object(usageFigures),
  byFeature: z.array(z.object({ feature: z.enum(aiFeatures), ...usageFigures })),
  byUser: z.array(z.object({ userId: id.nullable(), name: z.string(), email: z.string(), ...usageFigures })),
  byProvider: z.array(z.object({ provider: z.enum(aiProviderNames), model: z.string(), ...usageFigures })),
});
export type AiUsageOutput = z.infer<typeof aiUsageOutput>;
