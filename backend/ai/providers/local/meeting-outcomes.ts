import type { MeetingAnalysis } from '../../../../shared/api/meetings.ts';
import { resolveDue } from './due-dates.ts';
import type { TurnSentence, TurnView } from './meeting-turns.ts';
import type { LocalNlp } from './nlp.ts';

const apostrophe = `['’]`;

/** "we decided", "we agreed", "let's go with", "we'll go for", "the decision is", "settled on". */
const decisionCues = new RegExp(
  [
    String.raw`\b(we|they|everyone|the team|you|i)\s+(have\s+|had\s+|all\s+)?(decided|agreed|settled|concluded|chose|picked|opted)\b`,
    String.raw`\b(we${apostrophe}re|we are|we${apostrophe}ll|we will|let${apostrophe}s|lets)\s+(just\s+)?(go|going)\s+(with|for|ahead)\b`,
    String.raw`\b(the|our|final)\s+decision\s+(is|was)\b`,
    String.raw`\b(it${apostrophe}s|that${apostrophe}s|is)\s+(decided|agreed|settled|final)\b`,
    String.raw`\bagreed\s+(on|to|that)\b`,
    String.raw`\bwe\s+(all\s+)?agree\b`,
    String.raw`\bso\s+(we${apostrophe}ll|we will|we${apostrophe}re going to)\s+(keep|use|have|stick|do|make)\b`,
    String.raw`\b(let${apostrophe}s|lets)\s+(agree|keep|stick|use|make it|do it)\b`,
  ].join('|'),
  'i',
);

const taskVerbs =
  'send|share|check|follow|look|get|put|set|write|draft|prepare|schedule|book|call|email|review|find|confirm|update|work|make|do|talk|ask|draw|bring|sort|take|loop|circle|investigate|dig|create|build|add|fix|organi[sz]e|arrange|research|design|present|finish|mail';
/** A speaker taking a task: "I'll send", "I will look into", "I'm going to", "let me check". */
const selfTask = new RegExp(
  String.raw`\b(i${apostrophe}ll|i will|i${apostrophe}m going to|i am going to|i can|let me)\s+(?!not\b|never\b|be\b|say\b|tell you\b|just say\b|guess\b|think\b)(\w+\s+){0,2}?(${taskVerbs})\b`,
  'i',
);
/** A named person given a task: "Lena will send", "Marco is going to check". Case matters: a name is capitalised. */
const namedTask = new RegExp(
  String.raw`\b[A-Z][a-z]+( [A-Z][a-z]+)?(${apostrophe}ll| will| is going to)\s+(\w+\s+){0,2}?(${taskVerbs})\b`,
);
/** Someone asked to do something: "can you share", "could you send", "please send", "you need to". */
const requestOfOther =
  /\b(can|could|would|will) you\s+(please\s+)?(send|share|check|follow|look|get|put|set|write|draft|prepare|schedule|book|call|email|review|find|confirm|update|work|make|do|talk|ask|bring|take|loop|investigate|create|build|add|fix|arrange|research|design|present|finish)\b|\bplease\s+(send|share|check|review|confirm|update|prepare|schedule)\b|\byou(\s+guys)?\s+(need|have|should|will have|are going|'re going)\s+to\s+(?!be\b)\w+/i;
/** A task stated for the group or the record: "action item", "next step is", "we need to", "someone should". */
const sharedTask =
  /\b(action item|next steps?( is| are|:)|to-?do|follow[- ]up on)\b|\bwe\s+(need|have|should|must|will have)\s+to\s+(send|prepare|schedule|decide|check|look|talk|get|find|review|update|finish|work|draw|present)\b/i;
const agreement = /^\s*(sure|yes|yeah|ok(ay)?|will do|of course|absolutely|no problem|on it|sounds good)\b/i;
const renewalWords = /\bbefore (the |our |your )?(renewal|contract (end|renewal)|it renews)\b/i;

export interface Outcomes {
  decisions: MeetingAnalysis['decisions'];
  actionItems: MeetingAnalysis['actionItems'];
}

export interface OutcomeContext {
  meetingDate: string;
  renewalDate?: string;
  /** Everyone who may own a task: the speakers and the attendees. */
  people: string[];
}

export function isDecision(sentence: TurnSentence): boolean {
  return !isQuestion(sentence) && decisionCues.test(sentence.sentence.text);
}

export function isActionStatement(sentence: TurnSentence): boolean {
  const text = sentence.sentence.text;
  return (
    (!isQuestion(sentence) && (selfTask.test(text) || namedTask.test(text) || sharedTask.test(text))) ||
    requestOfOther.test(text)
  );
}

export function findOutcomes(nlp: LocalNlp, views: TurnView[], context: OutcomeContext): Outcomes {
  const decisions: Outcomes['decisions'] = [];
  const actionItems: Outcomes['actionItems'] = [];
  for (const view of views)
    for (const sentence of view.sentences) {
      if (isDecision(sentence)) decisions.push({ text: clip(sentence.sentence.text), turn: view.index });
      if (!isActionStatement(sentence)) continue;
      actionItems.push({
        text: clip(sentence.sentence.text),
        owner: ownerOf(sentence, views, context.people),
        due: dueOf(nlp, sentence.sentence.text, context),
        turn: view.index,
      });
    }
  return { decisions: decisions.slice(0, 100), actionItems: actionItems.slice(0, 100) };
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

function dueOf(nlp: LocalNlp, text: string, context: OutcomeContext): string | null {
  if (context.renewalDate && renewalWords.test(text)) return context.renewalDate;
  return resolveDue(nlp, text, context.meetingDate);
}

function isQuestion(sentence: TurnSentence): boolean {
  return /\?["')\]]*$/.test(sentence.sentence.text);
}

export function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 1000 ? flat : `${flat.slice(0, 999)}…`;
}
