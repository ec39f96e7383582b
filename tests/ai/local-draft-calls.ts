import type { LocalTaskInputs } from '../../backend/ai/local-tasks.ts';
import { localModelId, localProvider } from '../../backend/ai/providers/local/index.ts';
import { type ThreadAnalysis, type ThreadMessage, threadAnalysis } from '../../shared/api/threads.ts';

export type DraftInput = LocalTaskInputs['draft.reply'];

/** The thread's analysis as the local provider makes it: the asks a draft must answer are the ones it quotes. */
export async function localAnalysisOf(thread: {
  subject: string;
  messages: ThreadMessage[];
  ownAddress: string;
  now: string;
}): Promise<ThreadAnalysis> {
  const { subject, messages, ownAddress, now } = thread;
  const { object } = await localProvider.generateObject({
    model: localModelId,
    system: '',
    blocks: [],
    maxOutputTokens: 2000,
    signal: new AbortController().signal,
    task: { kind: 'thread.analysis', input: { subject, messages, ownAddresses: [ownAddress], now } },
    schema: threadAnalysis,
    schemaName: 'thread_analysis',
    schemaDescription: 'the analysis of an email thread',
  });
  return object;
}

/** The local provider's reply draft, streamed and joined. */
export async function localDraft(input: DraftInput, seed = 1): Promise<string> {
  let text = '';
  const stream = localProvider.streamText({
    model: localModelId,
    system: '',
    blocks: [],
    maxOutputTokens: 1000,
    signal: new AbortController().signal,
    seed,
    task: { kind: 'draft.reply', input },
  });
  for await (const event of stream) if (event.type === 'text') text += event.text;
  return text;
}
