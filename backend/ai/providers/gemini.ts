import { type Content, type GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { renderPrompt } from '../prompt.ts';
import {
  type AiProvider,
  AiProviderError,
  type EmbedCall,
  type EmbedResult,
  type ObjectCall,
  type ObjectResult,
  type TextCall,
  type TextEvent,
  type Usage,
} from '../provider.ts';
import { type CallDeadline, startCallDeadline } from './call-deadline.ts';
import { geminiFailure } from './gemini-errors.ts';
import { addUsage, checkJsonText, noUsage, repairRequest, vendorJsonSchema } from './structured-output.ts';
import { providerError } from './vendor-errors.ts';

export interface GeminiProviderOptions {
  apiKey: string;
  /** The Gemini API's origin; a fake's in tests. */
  baseUrl?: string;
  /** The longest the vendor may stay silent: before answering, or between two streamed events. */
  timeoutMs?: number;
}

const defaultBaseUrl = 'https://generativelanguage.googleapis.com';
const defaultTimeoutMs = 60_000;
/** `batchEmbedContents` takes at most 100 requests. */
const embedBatchSize = 100;

/**
 * Gemini through `@google/genai` (the maintained SDK; `@google/generative-ai` is end-of-life).
 * Every option is explicit so that the SDK reads no environment variable of its own (key, base URL,
 * Vertex switch); it retries nothing unless asked, which is what the wrapper's fallback wants.
 */
export function createGeminiProvider(options: GeminiProviderOptions): AiProvider {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    vertexai: false,
    httpOptions: { baseUrl: options.baseUrl ?? defaultBaseUrl },
  });
  /** `spent`: the tokens counted so far, kept on the error when a later step fails. */
  const run = async <R>(
    signal: AbortSignal,
    work: (deadline: CallDeadline, spent: Spent) => Promise<R>,
  ): Promise<R> => {
    const deadline = startCallDeadline(signal, timeoutMs);
    const spent: Spent = { usage: noUsage };
    try {
      return await work(deadline, spent);
    } catch (error) {
      if (error instanceof AiProviderError) throw error;
      throw providerError(
        'gemini',
        options.apiKey,
        signal,
        deadline,
        () => geminiFailure(error),
        spent.usage,
      );
    } finally {
      deadline.close();
    }
  };

  return {
    name: 'gemini',
    embeds: true,
    async *streamText(call) {
      const deadline = startCallDeadline(call.signal, timeoutMs);
      const spent: Spent = { usage: noUsage };
      try {
        yield* streamText(client, call, deadline, spent);
      } catch (error) {
        if (error instanceof AiProviderError) throw error;
        throw providerError(
          'gemini',
          options.apiKey,
          call.signal,
          deadline,
          () => geminiFailure(error),
          spent.usage,
        );
      } finally {
        deadline.close();
      }
    },
    generateObject: (call) =>
      run(call.signal, (deadline, spent) => generateObject(client, call, deadline, spent)),
    embed: (call) => run(call.signal, (deadline) => embed(client, call, deadline)),
  };
}

/** The tokens a call has counted so far: a failure after them still carries them. */
interface Spent {
  usage: Usage;
}

async function* streamText(
  client: GoogleGenAI,
  call: TextCall,
  deadline: CallDeadline,
  spent: Spent,
): AsyncGenerator<TextEvent> {
  const stream = await client.models.generateContentStream({
    model: call.model,
    contents: [{ role: 'user', parts: [{ text: renderPrompt(call.blocks) }] }],
    config: {
      systemInstruction: call.system,
      maxOutputTokens: call.maxOutputTokens,
      ...(call.seed === undefined ? {} : { seed: call.seed }),
      abortSignal: deadline.signal,
    },
  });
  for await (const chunk of stream) {
    // Chunks the SDK had read before an abort are not handed on.
    if (deadline.signal.aborted) break;
    deadline.heard();
    refuseBlockedPrompt(chunk);
    // Every chunk carries the running totals; the last one the final figures.
    if (chunk.usageMetadata) spent.usage = usageOf(chunk);
    const text = textOf(chunk);
    if (text) {
      deadline.pause();
      yield { type: 'text', text };
      deadline.heard();
    }
  }
  if (deadline.signal.aborted) throw new Error('the stream was aborted');
  yield { type: 'done', usage: spent.usage };
}

async function generateObject<T>(
  client: GoogleGenAI,
  call: ObjectCall<T>,
  deadline: CallDeadline,
  spent: Spent,
): Promise<ObjectResult<T>> {
  const responseJsonSchema = vendorJsonSchema(call.schema);
  const ask = async (contents: Content[]) => {
    const response = await client.models.generateContent({
      model: call.model,
      contents,
      config: {
        systemInstruction: call.system,
        maxOutputTokens: call.maxOutputTokens,
        responseMimeType: 'application/json',
        responseJsonSchema,
        ...(call.seed === undefined ? {} : { seed: call.seed }),
        abortSignal: deadline.signal,
      },
    });
    refuseBlockedPrompt(response);
    return { text: textOf(response), usage: usageOf(response) };
  };

  const question: Content = { role: 'user', parts: [{ text: renderPrompt(call.blocks) }] };
  const first = await ask([question]);
  spent.usage = first.usage;
  const firstCheck = checkJsonText(call.schema, first.text);
  if (firstCheck.ok) return { object: firstCheck.object, usage: first.usage };

  deadline.heard();
  const second = await ask([
    question,
    { role: 'model', parts: [{ text: first.text }] },
    { role: 'user', parts: [{ text: repairRequest(firstCheck.problems) }] },
  ]);
  const usage = addUsage(first.usage, second.usage);
  spent.usage = usage;
  const secondCheck = checkJsonText(call.schema, second.text);
  if (secondCheck.ok) return { object: secondCheck.object, usage };
  throw new AiProviderError(
    'gemini',
    'invalid_output',
    `the JSON did not match ${call.schemaName} twice: ${secondCheck.problems}`,
    undefined,
    usage,
  );
}

async function embed(client: GoogleGenAI, call: EmbedCall, deadline: CallDeadline): Promise<EmbedResult> {
  const vectors: number[][] = [];
  for (let start = 0; start < call.texts.length; start += embedBatchSize) {
    const texts = call.texts.slice(start, start + embedBatchSize);
    const response = await client.models.embedContent({
      model: call.model,
      contents: texts,
      config: { abortSignal: deadline.signal },
    });
    deadline.heard();
    const batch = (response.embeddings ?? []).map((embedding) => embedding.values ?? []);
    if (batch.length !== texts.length || batch.some((values) => values.length === 0)) {
      throw new AiProviderError(
        'gemini',
        'unavailable',
        `asked for ${texts.length} embeddings, got ${batch.length}`,
      );
    }
    vectors.push(...batch);
  }
  return { vectors, usage: { inputTokens: estimateTokens(call.texts), outputTokens: 0 } };
}

/**
 * `batchEmbedContents` answers with no token count (only Vertex reports billable characters), and
 * counting them would cost a request per batch: about four characters a token is the estimate.
 */
function estimateTokens(texts: string[]): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
}

/** The first candidate's text, without "thought" parts (a thinking model's reasoning is not the answer). */
function textOf(response: GenerateContentResponse): string {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts.map((part) => (part.thought ? '' : (part.text ?? ''))).join('');
}

/** Thinking tokens are billed as output. */
function usageOf(response: GenerateContentResponse): Usage {
  const meta = response.usageMetadata;
  return {
    inputTokens: meta?.promptTokenCount ?? 0,
    outputTokens: (meta?.candidatesTokenCount ?? 0) + (meta?.thoughtsTokenCount ?? 0),
  };
}

function refuseBlockedPrompt(response: GenerateContentResponse): void {
  const reason = response.promptFeedback?.blockReason;
  if (reason) throw new AiProviderError('gemini', 'bad_request', `the prompt was blocked (${reason})`);
}
