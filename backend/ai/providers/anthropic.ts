import { Anthropic } from '@anthropic-ai/sdk';
import type { Message, MessageParam, Tool, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { renderPrompt } from '../prompt.ts';
import {
  type AiProvider,
  AiProviderError,
  type ObjectCall,
  type ObjectResult,
  type TextCall,
  type TextEvent,
  type Usage,
} from '../provider.ts';
import { anthropicFailure } from './anthropic-errors.ts';
import { type CallDeadline, startCallDeadline } from './call-deadline.ts';
import { addUsage, checkObject, noUsage, repairRequest, vendorJsonSchema } from './structured-output.ts';
import { providerError } from './vendor-errors.ts';

export interface AnthropicProviderOptions {
  apiKey: string;
  /** The Messages API's origin; a fake's in tests. */
  baseUrl?: string;
  /** The longest the vendor may stay silent: before answering, or between two streamed events. */
  timeoutMs?: number;
}

const defaultBaseUrl = 'https://api.anthropic.com';
const defaultTimeoutMs = 60_000;

/**
 * Claude through the Messages API: text streamed from `messages.stream`, objects through a forced
 * tool call. The client is built with every option explicit so that the SDK reads no environment
 * variable or profile file of its own, retries nothing (the wrapper falls back instead) and logs
 * nothing (a debug log would carry prompts).
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): AiProvider {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? defaultBaseUrl,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
  });
  const fail: Fail = (error, call, deadline, usage) =>
    providerError('anthropic', options.apiKey, call.signal, deadline, () => anthropicFailure(error), usage);

  return {
    name: 'anthropic',
    embeds: false,
    streamText: (call) => streamText(client, call, timeoutMs, fail),
    generateObject: async <T>(call: ObjectCall<T>) => {
      const deadline = startCallDeadline(call.signal, timeoutMs);
      const spent = { usage: noUsage };
      try {
        return await generateObject(client, call, deadline, spent);
      } catch (error) {
        throw error instanceof AiProviderError ? error : fail(error, call, deadline, spent.usage);
      } finally {
        deadline.close();
      }
    },
    embed: async () => {
      throw new AiProviderError('anthropic', 'bad_request', 'Anthropic has no embeddings API');
    },
  };
}

type Fail = (
  error: unknown,
  call: { signal: AbortSignal },
  deadline: CallDeadline,
  usage: Usage,
) => AiProviderError;

async function* streamText(
  client: Anthropic,
  call: TextCall,
  timeoutMs: number,
  fail: Fail,
): AsyncGenerator<TextEvent> {
  const deadline = startCallDeadline(call.signal, timeoutMs);
  let usage = noUsage;
  try {
    const stream = client.messages.stream(
      {
        model: call.model,
        max_tokens: call.maxOutputTokens,
        system: call.system,
        messages: [{ role: 'user', content: renderPrompt(call.blocks) }],
      },
      { signal: deadline.signal },
    );
    for await (const event of stream) {
      // Events the SDK had buffered before an abort are not handed on.
      if (deadline.signal.aborted) break;
      deadline.heard();
      if (event.type === 'message_start') {
        usage = usageOf(event.message.usage);
      } else if (event.type === 'message_delta') {
        // Its counters are whole-message totals; input ones appear only when they changed.
        usage = {
          inputTokens:
            event.usage.input_tokens == null ? usage.inputTokens : usageOf(event.usage).inputTokens,
          outputTokens: event.usage.output_tokens,
        };
      } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        deadline.pause();
        yield { type: 'text', text: event.delta.text };
        deadline.heard();
      }
    }
    // An abort that lands while no event is being read ends the SDK's iteration quietly: still no answer.
    if (deadline.signal.aborted) throw new Error('the stream was aborted');
    yield { type: 'done', usage };
  } catch (error) {
    throw fail(error, call, deadline, usage);
  } finally {
    deadline.close();
  }
}

async function generateObject<T>(
  client: Anthropic,
  call: ObjectCall<T>,
  deadline: CallDeadline,
  /** Tokens counted so far, for the error when a later step fails. */
  spent: { usage: Usage },
): Promise<ObjectResult<T>> {
  const tool = toolFor(call);
  const ask = (messages: MessageParam[]) =>
    client.messages.create(
      {
        model: call.model,
        max_tokens: call.maxOutputTokens,
        system: call.system,
        messages,
        tools: [tool],
        tool_choice: { type: 'tool', name: tool.name },
      },
      { signal: deadline.signal },
    );

  const question: MessageParam = { role: 'user', content: renderPrompt(call.blocks) };
  const first = await ask([question]);
  spent.usage = usageOf(first.usage);
  const firstCall = toolCallIn(first, tool.name);
  const firstCheck = checkObject(call.schema, firstCall?.input);
  if (firstCheck.ok) return { object: firstCheck.object, usage: spent.usage };

  deadline.heard();
  const second = await ask([question, ...repairTurns(firstCall, firstCheck.problems)]);
  const usage = addUsage(spent.usage, usageOf(second.usage));
  spent.usage = usage;
  const secondCheck = checkObject(call.schema, toolCallIn(second, tool.name)?.input);
  if (secondCheck.ok) return { object: secondCheck.object, usage };
  throw new AiProviderError(
    'anthropic',
    'invalid_output',
    `the tool input did not match ${call.schemaName} twice: ${secondCheck.problems}`,
    undefined,
    usage,
  );
}

function toolFor(call: ObjectCall<unknown>): Tool {
  const schema = vendorJsonSchema(call.schema);
  if (schema.type !== 'object') {
    throw new AiProviderError('anthropic', 'bad_request', 'a tool input schema must describe an object');
  }
  return {
    name: call.schemaName,
    description: call.schemaDescription,
    input_schema: schema as Tool['input_schema'],
  };
}

function toolCallIn(message: Message, name: string): ToolUseBlock | undefined {
  return message.content.find(
    (block): block is ToolUseBlock => block.type === 'tool_use' && block.name === name,
  );
}

/** The failed call and its error as the tool's result, so the model corrects its own input. */
function repairTurns(failed: ToolUseBlock | undefined, problems: string): MessageParam[] {
  if (!failed) return [{ role: 'user', content: repairRequest(`The tool was not called.\n${problems}`) }];
  return [
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: failed.id, name: failed.name, input: failed.input }],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: failed.id, is_error: true, content: repairRequest(problems) },
      ],
    },
  ];
}

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Cached prompt tokens are input too (billed differently; the estimate treats them alike). */
function usageOf(usage: AnthropicUsage): Usage {
  return {
    inputTokens:
      (usage.input_tokens ?? 0) +
      (usage.cache_creation_input_tokens ?? 0) +
      (usage.cache_read_input_tokens ?? 0),
    outputTokens: usage.output_tokens ?? 0,
  };
}
