import type { MeetingAnalysis } from '../../../../shared/api/meetings.ts';
import { resolveDue } from './due-dates.ts';
import { findDecisions } from './meeting-decisions.ts';
import { asksForCommitment, isStepOnTheCall } from './meeting-instructions.ts';
import {
  isQuestion,
  requestOfOther,
  selfTask,
  type TaskCue,
  taskCueOf,
  taskVerbOf,
} from './meeting-task-cues.ts';
import { objectPhraseOf, taskObject, withReferent } from './meeting-task-objects.ts';
import type { TurnSentence, TurnView } from './meeting-turns.ts';
import type { LocalNlp } from './nlp.ts';

const agreement = /^\s*(sure|yes|yeah|ok(ay)?|will do|of course|absolutely|no problem|on it|sounds good)\b/i;
const renewalWords = /\bbefore (the |our |your )?(renewal|contract (end|renewal)|it renews)\b/i;

export interface Outcomes {
  decisions: MeetingAnalysis['decisions'];
  actionItems: MeetingAnalysis['actionItems'];
}
type ActionItem = Outcomes['actionItems'][number];

export interface OutcomeContext {
  meetingDate: string;
  renewalDate?: string;
  /** Everyone who may own a task: the speakers and the attendees. */
  people: string[];
}

export function findOutcomes(nlp: LocalNlp, views: TurnView[], context: OutcomeContext): Outcomes {
  const decisions = findDecisions(views).map((d) => ({ text: clip(d.text), turn: d.turn }));
  const tasks: FoundTask[] = [];
  for (const view of views)
    for (const sentence of view.sentences) {
      const cue = taskCueOf(sentence);
      if (cue) addTask(tasks, nlp, views, { sentence, cue }, context);
    }
  return {
    decisions: dropRepeats(decisions).slice(0, 100),
    actionItems: tasks.map((t) => t.item).slice(0, 100),
  };
}

/** An action item with the sentence and cue it was read from. */
interface FoundTask {
  item: ActionItem;
  sentence: TurnSentence;
  cue: TaskCue;
}

/**
 * An action item says what is to be done. A task whose object is only "it" or "that" takes its
 * meaning from what was said just before: taking on the request made in the turn before, it is that
 * request (one item, owned by whoever took it, due when they said); else the pronoun is glossed with
 * the thing that sentence named. A task that names nothing ("let me check", "I'll follow up") and
 * takes on no request is not one.
 */
function addTask(
  tasks: FoundTask[],
  nlp: LocalNlp,
  views: TurnView[],
  { sentence, cue }: Omit<FoundTask, 'item'>,
  context: OutcomeContext,
): void {
  const object = cue.listed ? ({ kind: 'named' } as const) : taskObject(sentence, cue.verbEnd);
  const due = dueOf(nlp, sentence.sentence.text, context);
  if (cue.duty && !asksForCommitment(sentence, cue, taskVerbOf(sentence, cue), { object, due })) return;
  if (isStepOnTheCall(sentence)) return;
  const request = cue.self ? requestTakenUp(tasks, views, sentence) : undefined;
  if (
    request &&
    (object.kind !== 'named' || taskVerbOf(request.sentence, request.cue) === taskVerbOf(sentence, cue))
  ) {
    const own = object.kind === 'named' ? { text: clip(sentence.sentence.text), turn: sentence.turn } : {};
    request.item = { ...request.item, ...own, owner: sentence.speaker, due: due ?? request.item.due };
    return;
  }
  if (object.kind === 'none') return;
  let text = sentence.sentence.text;
  if (object.kind === 'pronoun') {
    const before = sentenceBefore(views, sentence);
    const referent = before && objectPhraseOf(before, context.people);
    if (!referent) return;
    text = withReferent(sentence, object.token, referent);
  }
  const owner = ownerOf(sentence, views, context.people);
  tasks.push({ item: { text: clip(text), owner, due, turn: sentence.turn }, sentence, cue });
}

/** The request made by someone else in the turn just before, to this speaker or to nobody named. */
function requestTakenUp(
  tasks: FoundTask[],
  views: TurnView[],
  sentence: TurnSentence,
): FoundTask | undefined {
  const previous = views[sentence.turn - 1];
  if (!previous || previous.speaker === sentence.speaker) return undefined;
  const request = tasks.findLast((t) => t.sentence.turn === previous.index && t.cue.request);
  if (!request || (request.item.owner !== null && request.item.owner !== sentence.speaker)) return undefined;
  return request;
}

/** The sentence said just before this one: earlier in the same turn, else the previous turn's last. */
function sentenceBefore(views: TurnView[], sentence: TurnSentence): TurnSentence | undefined {
  const own = views[sentence.turn]!.sentences;
  const at = own.indexOf(sentence);
  if (at > 0) return own[at - 1];
  return views[sentence.turn - 1]?.sentences.at(-1);
}

/**
 * Who takes the task: the speaker for "I'll …"; for "can you …" the person named in the sentence,
 * else whoever answers next with a yes; for a task the group states, a person it names, or nobody.
 */
function ownerOf(sentence: TurnSentence, views: TurnView[], people: string[]): string | null {
  const text = sentence.sentence.text;
  if (!isQuestion(sentence) && selfTask.test(text)) return sentence.speaker;
  const named = personNamedIn(text, people, sentence.speaker);
  if (named) return named;
  if (!requestOfOther.test(text)) return null;
  const reply = views[sentence.turn + 1];
  if (reply && reply.speaker !== sentence.speaker && agreement.test(reply.turn.text)) return reply.speaker;
  return null;
}

/** A person whose full name or first name appears as a word in the text (not the speaker). */
function personNamedIn(text: string, people: string[], speaker: string): string | null {
  const lower = text.toLowerCase();
  for (const person of people) {
    if (person === speaker) continue;
    const first = person.split(/\s+/)[0]!.toLowerCase();
    for (const name of [person.toLowerCase(), first])
      if (name.length >= 2 && new RegExp(`\\b${escapeForPattern(name)}\\b`).test(lower)) return person;
  }
  return null;
}

/** When the task is due, read against the call's own date; a day before the call is no deadline. */
function dueOf(nlp: LocalNlp, text: string, context: OutcomeContext): string | null {
  if (context.renewalDate && renewalWords.test(text)) return context.renewalDate;
  const due = resolveDue(nlp, text, context.meetingDate);
  // Both are in the call's offset, so their first ten characters are calendar days there.
  return due && due.slice(0, 10) >= context.meetingDate.slice(0, 10) ? due : null;
}

/** A sentence that both proposes and is the one before a call for objections is one decision. */
function dropRepeats(decisions: Outcomes['decisions']): Outcomes['decisions'] {
  const seen = new Set<string>();
  return decisions.filter((d) => {
    const key = `${d.turn}\u0000${d.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 1000 ? flat : `${flat.slice(0, 999)}…`;
}
