import type { LocalTaskInputs } from '../../local-tasks.ts';
import { composeDraftReply } from './draft-reply.ts';
import { analyseMeeting } from './meeting-analysis.ts';
import { wordMeetingBrief } from './meeting-brief.ts';
import type { LocalNlp } from './nlp.ts';
import { analyzeThread } from './thread-analysis.ts';

type TaskKind = keyof LocalTaskInputs;

/**
 * How the local provider answers one kind of task: as an object (`generateObject`), as text
 * (`streamText`), or both. A new kind in `local-tasks.ts` must get an entry here (the map is
 * exhaustive); a form it has no handler for is refused as a bad request.
 */
export interface LocalTaskHandler<K extends TaskKind> {
  object?: (nlp: LocalNlp, input: LocalTaskInputs[K]) => unknown;
  /** `seed`: the call's (0 when it has none); the same seed gives the same text. */
  text?: (nlp: LocalNlp, input: LocalTaskInputs[K], seed: number) => string;
  /** The text the task reads, for the word count that stands in for input tokens. */
  inputTexts: (input: LocalTaskInputs[K]) => string[];
}

export const localTaskHandlers: { [K in TaskKind]: LocalTaskHandler<K> } = {
  'thread.analysis': {
    object: analyzeThread,
    text: (nlp, input) => analyzeThread(nlp, input).summary,
    inputTexts: (input) => [input.subject, ...input.messages.map((m) => m.text)],
  },
  'draft.reply': {
    text: composeDraftReply,
    inputTexts: (input) => [
      input.subject,
      input.instruction ?? '',
      ...input.messages.map((m) => m.text),
      ...input.knowledge.map((k) => k.text),
    ],
  },
  'meeting.analysis': {
    object: analyseMeeting,
    text: (nlp, input) => analyseMeeting(nlp, input).summary,
    inputTexts: (input) => input.transcript.map((t) => t.text),
  },
  'meeting.brief': {
    object: (_nlp, input) => wordMeetingBrief(input),
    inputTexts: (input) => input.facts.map((f) => f.text),
  },
};

export function localTaskHandler<K extends TaskKind>(kind: K): LocalTaskHandler<K> {
  return localTaskHandlers[kind];
}
