import type { LocalTask } from '../../local-tasks.ts';
import {
  type AiProvider,
  AiProviderError,
  type EmbedCall,
  type ObjectCall,
  type TextCall,
  type TextEvent,
} from '../../provider.ts';
import { embedText } from './embed.ts';
import { type LocalNlp, loadLocalNlp } from './nlp.ts';
import { localTaskHandler } from './tasks.ts';
import { countWords } from './words.ts';

export const localModelId = 'cscx-local-1';

/**
 * Answers every call on this machine with real language processing (wink-nlp, VADER, chrono and a
 * classifier trained on email sentences): no key, no network, the same output for the same input.
 * It reads `call.task`, never the prompt.
 */
export const localProvider: AiProvider = {
  name: 'local',
  embeds: true,
  streamText,
  generateObject,
  async embed(call: EmbedCall) {
    throwIfAborted(call.signal);
    return {
      vectors: call.texts.map(embedText),
      usage: { inputTokens: countWords(...call.texts), outputTokens: 0 },
    };
  },
};

async function generateObject<T>(call: ObjectCall<T>) {
  const { task } = call;
  const nlp = await loadNlp(call.signal);
  const handler = localTaskHandler(task.kind);
  if (!handler.object)
    throw new AiProviderError('local', 'bad_request', `${task.kind} has no structured form`);
  const raw = handler.object(nlp, task.input);
  const parsed = call.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AiProviderError(
      'local',
      'invalid_output',
      `${task.kind} does not fit ${call.schemaName}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`,
    );
  }
  return { object: parsed.data, usage: usageOf(task, stringsIn(raw)) };
}

async function* streamText(call: TextCall): AsyncGenerator<TextEvent> {
  const { task } = call;
  const nlp = await loadNlp(call.signal);
  const handler = localTaskHandler(task.kind);
  if (!handler.text) throw new AiProviderError('local', 'bad_request', `${task.kind} has no text form`);
  const text = handler.text(nlp, task.input, call.seed ?? 0);
  // One chunk per word with the space after it, each after a turn of the event loop, so that the
  // caller sees a stream (and an abort stops it between two words).
  for (const chunk of text.match(/\S+\s*|\s+/g) ?? []) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfAborted(call.signal);
    yield { type: 'text', text: chunk };
  }
  yield { type: 'done', usage: usageOf(task, [text]) };
}

async function loadNlp(signal: AbortSignal): Promise<LocalNlp> {
  throwIfAborted(signal);
  const nlp = await loadLocalNlp();
  throwIfAborted(signal);
  return nlp;
}

function usageOf(task: LocalTask, output: string[]) {
  const inputTexts = localTaskHandler(task.kind).inputTexts(task.input);
  return { inputTokens: countWords(...inputTexts), outputTokens: countWords(...output) };
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AiProviderError('local', 'aborted', 'the call was stopped');
}

/** Every string inside an answer, for its word count. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
