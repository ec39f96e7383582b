import type { z } from 'zod';
import type { AiProviderName } from '../../shared/api/ai.ts';
import type { LocalTask } from './local-tasks.ts';

export type { AiProviderName };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * A piece of the prompt. Text from outside (an email, a transcript) is `untrusted`: every remote
 * provider sends it inside a delimited, labelled block that the system prompt calls data, never
 * instructions (`renderPrompt` in `prompt.ts`).
 */
export interface PromptBlock {
  label: string;
  text: string;
  untrusted: boolean;
}

interface ModelCall {
  model: string;
  system: string;
  blocks: PromptBlock[];
  maxOutputTokens: number;
  /** Aborting stops the call; a remote provider closes its connection. */
  signal: AbortSignal;
  /** The same seed, the same local output; Regenerate passes a new one. */
  seed?: number;
  /**
   * What the call is for, in structured form: the local provider works from this (it reads no
   * prompts); remote providers ignore it and read `system` and `blocks`.
   */
  task: LocalTask;
}

export type TextCall = ModelCall;

export interface ObjectCall<T> extends ModelCall {
  schema: z.ZodType<T>;
  /** The tool's (or response schema's) name: letters, digits and underscores. */
  schemaName: string;
  schemaDescription: string;
}

export type TextEvent = { type: 'text'; text: string } | { type: 'done'; usage: Usage };

export interface ObjectResult<T> {
  object: T;
  usage: Usage;
}

export interface EmbedCall {
  model: string;
  texts: string[];
  signal: AbortSignal;
}

export interface EmbedResult {
  vectors: number[][];
  usage: Usage;
}

/**
 * One model vendor (or the local language processing) behind the same three calls. A provider
 * throws only `AiProviderError`; the wrapper in `run.ts` meters, redacts, times out and falls back.
 */
export interface AiProvider {
  name: AiProviderName;
  /** Anthropic has no embeddings API: the wrapper skips such a provider for `embed`. */
  embeds: boolean;
  streamText(call: TextCall): AsyncIterable<TextEvent>;
  /** Validates against `call.schema`; on invalid output asks once more with the errors, then throws `invalid_output`. */
  generateObject<T>(call: ObjectCall<T>): Promise<ObjectResult<T>>;
  embed(call: EmbedCall): Promise<EmbedResult>;
}

/**
 * Why a call failed, as `ai_runs.error_class` records it. The retryable ones move the call on to
 * the next provider of the chain; `aborted` (the user stopped it) and `bad_request` do not.
 */
export const aiErrorClasses = [
  'rate_limited',
  'overloaded',
  'timeout',
  'unavailable',
  'auth',
  'bad_request',
  'invalid_output',
  'aborted',
] as const;
export type AiErrorClass = (typeof aiErrorClasses)[number];

const fallsBack: ReadonlySet<AiErrorClass> = new Set([
  'rate_limited',
  'overloaded',
  'timeout',
  'unavailable',
  'auth',
  'invalid_output',
]);

export class AiProviderError extends Error {
  readonly provider: AiProviderName;
  readonly errorClass: AiErrorClass;
  /** The HTTP status the vendor answered, when it answered. */
  readonly status: number | undefined;
  /**
   * Tokens the vendor counted before the call failed (an answer rejected twice with its repair
   * turn, a stream cut off after it started): billed all the same, so metered all the same.
   */
  readonly usage: Usage | undefined;

  constructor(
    provider: AiProviderName,
    errorClass: AiErrorClass,
    message: string,
    status?: number,
    usage?: Usage,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'AiProviderError';
    this.provider = provider;
    this.errorClass = errorClass;
    this.status = status;
    this.usage = usage;
  }

  get fallsBack(): boolean {
    return fallsBack.has(this.errorClass);
  }
}
