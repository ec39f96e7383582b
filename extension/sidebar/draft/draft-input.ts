import type { DraftIntent, DraftLength, DraftTone, GenerateDraftInput } from '../../../shared/api/drafts.ts';
import type { GmailThreadContext } from '../../../shared/host-context.ts';
import { threadAnalysisInput } from '../customer/thread-analysis-input.ts';

/** What the CSM chose in the Draft tab. */
export interface DraftSettings {
  intent: DraftIntent;
  /** Their own words; required for a custom draft, optional otherwise. */
  instruction: string;
  tone: DraftTone;
  length: DraftLength;
}

export function initialSettings(hasThread: boolean): DraftSettings {
  return { intent: hasThread ? 'reply' : 'check_in', instruction: '', tone: 'warm', length: 'medium' };
}

export type DraftInputResult = { input: GenerateDraftInput } | { problem: string };

/**
 * The call for these settings. The thread goes as the Thread card sends it for analysis, so the
 * server finds that analysis on the timeline instead of asking a model again.
 */
export function draftInput(
  settings: DraftSettings,
  customerId: string,
  thread: GmailThreadContext | null,
  seed: number,
): DraftInputResult {
  const instruction = settings.instruction.trim();
  if (settings.intent === 'custom' && !instruction)
    return { problem: 'Write what the draft should say: a custom draft follows your instruction.' };
  const analysed = thread ? threadAnalysisInput(thread, customerId) : null;
  if (settings.intent === 'reply' && !analysed)
    return { problem: 'A reply needs the thread: open it in Gmail, or choose another kind of draft.' };
  return {
    input: {
      customerId,
      thread: analysed
        ? { threadId: analysed.threadId, subject: analysed.subject, messages: analysed.messages }
        : null,
      intent: settings.intent,
      instruction: instruction || null,
      tone: settings.tone,
      length: settings.length,
      seed,
    },
  };
}

/** A seed other than the last one: Regenerate always asks for another variant. */
export function anotherSeed(previous: number): number {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  const seed = value % 2 ** 31;
  return seed === previous ? (seed + 1) % 2 ** 31 : seed;
}
