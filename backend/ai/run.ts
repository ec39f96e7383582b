import type { z } from 'zod';
import type { AiFeature, AiProviderName, AiRunStatus } from '../../shared/api/ai.ts';
import { aiRuns } from '../db/schema.ts';
import type { StreamingDeps } from '../deps.ts';
import type { LocalTask } from './local-tasks.ts';
import { defaultEmbeddingModels, estimateCostUsd } from './prices.ts';
import { AiProviderError, type PromptBlock, type Usage } from './provider.ts';
import { createRedactor, type Redactor } from './redaction/redactor.ts';
import { restoreObject } from './redaction/restore-object.ts';
import { providerFor } from './registry.ts';
import type { AiRoute } from './routes.ts';
import { loadAiRoutes } from './settings/load-routes.ts';

/** Who may be named in the text, for redaction: the org's contacts are redacted, its customers' and products' names kept. */
export interface PrivacyHints {
  knownNames: string[];
  allowedTerms: string[];
}

interface AiRequest {
  feature: AiFeature;
  system: string;
  blocks: PromptBlock[];
  task: LocalTask;
  maxOutputTokens: number;
  seed?: number;
  /** The caller going away (the client disconnected, Stop pressed) stops the call. */
  signal: AbortSignal;
  privacy: PrivacyHints;
}

export interface ObjectRequest<T> extends AiRequest {
  schema: z.ZodType<T>;
  schemaName: string;
  schemaDescription: string;
}

/** Which provider answered, and which was tried first when that one failed. */
export interface AiAnswer {
  provider: AiProviderName;
  model: string;
  fellBackFrom: AiProviderName | null;
}

type RunRow = typeof aiRuns.$inferInsert;

/**
 * Structured output through the org's chain of providers (`routes.ts`): redacted before it leaves
 * for a remote model and restored in the answer, timed out per attempt, each attempt recorded in
 * `ai_runs`. No transaction is open while a model works: settings are read in one short
 * transaction and the records written in another.
 */
export async function generateObjectWithAi<T>(
  deps: StreamingDeps,
  request: ObjectRequest<T>,
): Promise<AiAnswer & { object: T }> {
  const { routes, redaction } = await loadAiRoutes(deps);
  const meter = createMeter(deps, request.feature);
  try {
    for (const [index, route] of routes.entries()) {
      const redactor = redactorFor(route, redaction, request.privacy);
      const call = callOf(route, request, redactor);
      const attempt = startAttempt(deps, request.signal);
      try {
        const result = await providerFor(route, deps.config.ai).generateObject({
          ...call,
          signal: attempt.signal,
          schema: request.schema,
          schemaName: request.schemaName,
          schemaDescription: request.schemaDescription,
        });
        const object = redactor ? restoreAnswer(request.schema, result, redactor, route) : result.object;
        meter.record(route, attempt, 'ok', result.usage);
        return { object, ...answerOf(route, routes, index) };
      } catch (error) {
        const failure = attempt.failure(route, error);
        const next = routes[index + 1];
        meter.record(
          route,
          attempt,
          next && failure.fallsBack ? 'fell_back' : statusOf(failure),
          undefined,
          failure,
        );
        if (!next || !failure.fallsBack) throw failure;
        logFallback(deps, request.feature, route, next, failure);
      } finally {
        attempt.end();
      }
    }
    throw new AiProviderError('local', 'unavailable', 'no provider is configured');
  } finally {
    await meter.flush();
  }
}

/**
 * Text streamed through the chain. A provider that fails before its first chunk hands over to the
 * next; once text has reached the caller a failure ends the stream (a second voice would repeat
 * it). The time limit applies to the first chunk and then between chunks. Stopping the iteration
 * (the caller's `return`) or aborting the signal closes the upstream call.
 */
export async function* streamTextWithAi(
  deps: StreamingDeps,
  request: AiRequest,
): AsyncGenerator<string, AiAnswer> {
  const { routes, redaction } = await loadAiRoutes(deps);
  const meter = createMeter(deps, request.feature);
  try {
    for (const [index, route] of routes.entries()) {
      const redactor = redactorFor(route, redaction, request.privacy);
      const call = callOf(route, request, redactor);
      const restore = redactor?.restoreStream();
      const attempt = startAttempt(deps, request.signal);
      let usage: Usage | undefined;
      let sent = false;
      let settled = false;
      try {
        const events = providerFor(route, deps.config.ai).streamText({ ...call, signal: attempt.signal });
        for await (const event of events) {
          attempt.touch();
          if (event.type === 'done') {
            usage = event.usage;
            continue;
          }
          attempt.firstChunk();
          const text = restore ? restore.push(event.text) : event.text;
          if (!text) continue;
          sent = true;
          yield text;
        }
        const rest = restore?.flush();
        if (rest) yield rest;
        settled = true;
        meter.record(route, attempt, 'ok', usage);
        return answerOf(route, routes, index);
      } catch (error) {
        settled = true;
        const failure = attempt.failure(route, error);
        const next = routes[index + 1];
        const handsOver = next !== undefined && failure.fallsBack && !sent;
        meter.record(route, attempt, handsOver ? 'fell_back' : statusOf(failure), usage, failure);
        if (!handsOver) throw failure;
        logFallback(deps, request.feature, route, next, failure);
      } finally {
        // The caller stopped iterating: the upstream call ends with this attempt.
        if (!settled) meter.record(route, attempt, 'aborted', usage);
        attempt.end();
      }
    }
    throw new AiProviderError('local', 'unavailable', 'no provider is configured');
  } finally {
    await meter.flush();
  }
}

/** Embeddings through the providers of the chain that have an embeddings API (Anthropic has none). */
export async function embedWithAi(
  deps: StreamingDeps,
  request: { texts: string[]; signal: AbortSignal; privacy: PrivacyHints },
): Promise<AiAnswer & { vectors: number[][] }> {
  const { routes: all, redaction } = await loadAiRoutes(deps);
  const routes = all.filter((route) => providerFor(route, deps.config.ai).embeds);
  const meter = createMeter(deps, 'embedding');
  try {
    for (const [index, route] of routes.entries()) {
      const redactor = redactorFor(route, redaction, request.privacy);
      const texts = redactor ? request.texts.map((t) => redactor.redact(t)) : request.texts;
      const attempt = startAttempt(deps, request.signal);
      try {
        const model = route.provider === 'gemini' ? embeddingModelOf(route) : route.model;
        const result = await providerFor(route, deps.config.ai).embed({
          model,
          texts,
          signal: attempt.signal,
        });
        meter.record(route, attempt, 'ok', result.usage);
        return { vectors: result.vectors, ...answerOf(route, routes, index) };
      } catch (error) {
        const failure = attempt.failure(route, error);
        const next = routes[index + 1];
        meter.record(
          route,
          attempt,
          next && failure.fallsBack ? 'fell_back' : statusOf(failure),
          undefined,
          failure,
        );
        if (!next || !failure.fallsBack) throw failure;
        logFallback(deps, 'embedding', route, next, failure);
      } finally {
        attempt.end();
      }
    }
    throw new AiProviderError('local', 'unavailable', 'no provider embeds');
  } finally {
    await meter.flush();
  }
}

/**
 * What is sent, redacted before the attempt's clock starts: the time limit is the vendor's, and
 * redaction is our own work (its word lists load on first use).
 */
function callOf(route: AiRoute, request: AiRequest, redactor: Redactor | undefined) {
  return {
    model: route.model,
    system: request.system,
    blocks: redactor ? request.blocks.map((b) => ({ ...b, text: redactor.redact(b.text) })) : request.blocks,
    maxOutputTokens: request.maxOutputTokens,
    seed: request.seed,
    task: request.task,
  };
}

function redactorFor(route: AiRoute, redaction: boolean, privacy: PrivacyHints): Redactor | undefined {
  return route.provider !== 'local' && redaction ? createRedactor(privacy) : undefined;
}

function answerOf(route: AiRoute, routes: AiRoute[], index: number): AiAnswer {
  return {
    provider: route.provider,
    model: route.model,
    fellBackFrom: index > 0 ? (routes[0]?.provider ?? null) : null,
  };
}

function statusOf(failure: AiProviderError): AiRunStatus {
  return failure.errorClass === 'aborted' ? 'aborted' : 'failed';
}

/** Gemini embeds with its own model; the chat model's name would be refused. */
function embeddingModelOf(route: AiRoute): string {
  return route.model.includes('embedding') ? route.model : defaultEmbeddingModels.gemini;
}

/**
 * A placeholder restored into a string may break the schema's limits; and one the model invented
 * stays a placeholder (`redaction/`), never someone's data.
 */
function restoreAnswer<T>(
  schema: z.ZodType<T>,
  { object, usage }: { object: T; usage: Usage },
  redactor: Redactor,
  route: AiRoute,
): T {
  const parsed = schema.safeParse(restoreObject(object, redactor));
  if (!parsed.success)
    throw new AiProviderError(
      route.provider,
      'invalid_output',
      'the restored answer no longer fits its schema',
      undefined,
      usage,
    );
  return parsed.data;
}

interface Attempt {
  signal: AbortSignal;
  startedAt: number;
  firstChunkAt: number | undefined;
  /** A chunk arrived: the time limit starts again. */
  touch(): void;
  firstChunk(): void;
  failure(route: AiRoute, error: unknown): AiProviderError;
  end(): void;
}

/** One try at one provider: its own time limit beside the caller's signal. */
function startAttempt(deps: StreamingDeps, callerSignal: AbortSignal): Attempt {
  const limit = new AbortController();
  const timeoutMs = deps.config.ai.timeoutMs;
  let timer = setTimeout(() => limit.abort(), timeoutMs);
  const attempt: Attempt = {
    signal: AbortSignal.any([callerSignal, limit.signal]),
    startedAt: performance.now(),
    firstChunkAt: undefined,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(() => limit.abort(), timeoutMs);
    },
    firstChunk() {
      attempt.firstChunkAt ??= performance.now();
    },
    failure(route, error) {
      if (limit.signal.aborted && !callerSignal.aborted) {
        return new AiProviderError(route.provider, 'timeout', `no answer within ${timeoutMs} ms`);
      }
      if (error instanceof AiProviderError) return error;
      if (callerSignal.aborted)
        return new AiProviderError(route.provider, 'aborted', 'stopped by the caller');
      // Not the vendor's answer but our own fault: the error's text may hold prompt text, so only its name is kept.
      deps.log.error(
        { provider: route.provider, error: (error as Error)?.name },
        'AI provider failed unexpectedly',
      );
      return new AiProviderError(route.provider, 'unavailable', 'the provider failed unexpectedly');
    },
    end() {
      clearTimeout(timer);
    },
  };
  return attempt;
}

function logFallback(
  deps: StreamingDeps,
  feature: AiFeature,
  from: AiRoute,
  to: AiRoute,
  failure: AiProviderError,
): void {
  deps.log.warn(
    {
      feature,
      provider: from.provider,
      errorClass: failure.errorClass,
      status: failure.status,
      next: to.provider,
    },
    'AI call fell back to the next provider',
  );
}

/** Collects each attempt's record and writes them together, after the call, in one short transaction. */
function createMeter(deps: StreamingDeps, feature: AiFeature) {
  const rows: RunRow[] = [];
  return {
    record(
      route: AiRoute,
      attempt: Attempt,
      status: AiRunStatus,
      answered?: Usage,
      failure?: AiProviderError,
    ) {
      const now = performance.now();
      // A failed attempt's tokens were billed too.
      const usage = answered ?? failure?.usage;
      rows.push({
        orgId: deps.orgId,
        userId: deps.principal.userId,
        feature,
        provider: route.provider,
        model: route.model,
        inputTokens: usage?.inputTokens ?? 0,
        outputTokens: usage?.outputTokens ?? 0,
        latencyMs: Math.round(now - attempt.startedAt),
        firstTokenMs:
          attempt.firstChunkAt === undefined ? null : Math.round(attempt.firstChunkAt - attempt.startedAt),
        costUsd: usage ? estimateCostUsd(route.provider, route.model, usage) : 0,
        status,
        errorClass: failure?.errorClass ?? null,
      });
    },
    async flush() {
      if (rows.length === 0) return;
      try {
        await deps.inOrg((tx) => tx.insert(aiRuns).values(rows));
      } catch (error) {
        // The answer has been given; losing its record must not lose the answer too.
        deps.log.error({ feature, error: (error as Error)?.name }, 'could not record AI runs');
      }
    },
  };
}
