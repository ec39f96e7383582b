import type { TurnSentence } from './meeting-turns.ts';

const apostrophe = `['’]`;

const taskVerbs =
  'send|share|check|follow|look|get|put|set|write|draft|prepare|schedule|book|call|email|review|find|confirm|update|work|make|do|talk|ask|draw|bring|sort|take|loop|circle|investigate|dig|create|build|add|fix|organi[sz]e|arrange|research|design|present|finish|mail';
/** A speaker taking a task: "I'll send", "I will look into", "I'm going to", "let me check". */
export const selfTask = new RegExp(
  String.raw`\b(i${apostrophe}ll|i will|i${apostrophe}m going to|i am going to|i can|let me)\s+(?!not\b|never\b|be\b|say\b|tell you\b|just say\b|guess\b|think\b)(\w+\s+){0,2}?(${taskVerbs})\b`,
  'i',
);
/** A named person given a task: "Lena will send", "Marco is going to check". Case matters: a name is capitalised. */
const namedTask = new RegExp(
  String.raw`\b[A-Z][a-z]+( [A-Z][a-z]+)?(${apostrophe}ll| will| is going to)\s+(\w+\s+){0,2}?(${taskVerbs})\b`,
);
/** Someone asked outright to do something: "can you share", "could you send", "please send". */
const askOfOther =
  /\b(can|could|would|will) you\s+(please\s+)?(send|share|check|follow|look|get|put|set|write|draft|prepare|schedule|book|call|email|review|find|confirm|update|work|make|do|talk|ask|bring|take|loop|investigate|create|build|add|fix|arrange|research|design|present|finish)\b|\bplease\s+(send|share|check|review|confirm|update|prepare|schedule)\b/i;
/**
 * A duty put on the other side: "you need to", "you have to". Said as often to explain how a thing is
 * done ("you have to press the export button") as to ask for one; `meeting-instructions.ts` tells them
 * apart. Asked as a question ("do you have to …?") it asks whether, and is no task.
 */
const dutyOfOther = /\byou(\s+guys)?\s+(need|have|should|will have|are going|'re going)\s+to\s+(?!be\b)\w+/i;
/** Either kind of request: the owner is whoever it is put to. */
export const requestOfOther = new RegExp(`${askOfOther.source}|${dutyOfOther.source}`, 'i');
/** A task stated for the group or the record: "action item", "next step is", "we need to", "someone should". */
const sharedTask =
  /\b(action item|next steps?( is| are|:)|to-?do|follow[- ]up on)\b|\bwe\s+(need|have|should|must|will have)\s+to\s+(send|prepare|schedule|decide|check|look|talk|get|find|review|update|finish|work|draw|present)\b/i;
/** Cues that announce a task by name rather than by its verb: what follows is the task. */
const listedTask = /^(action item|next steps?|to-?do)/i;

/** Where a sentence states a task: the offset just past its verb, and whether the speaker takes it. */
export interface TaskCue {
  verbEnd: number;
  /** "Action item: …", "next steps are …": a task named as one, whatever its object. */
  listed: boolean;
  /** "I'll …", "let me …": the speaker takes it. */
  self: boolean;
  /** "Can you …", "please …", "you need to …": the speaker asks someone else. */
  request: boolean;
  /** "You need to …", "you have to …": a duty, which may only explain how a thing is done. */
  duty: boolean;
}

export function taskCueOf(sentence: TurnSentence): TaskCue | null {
  const text = sentence.sentence.text;
  const cues = isQuestion(sentence)
    ? [askOfOther]
    : [selfTask, namedTask, sharedTask, askOfOther, dutyOfOther];
  for (const cue of cues) {
    const match = cue.exec(text);
    if (match)
      return {
        verbEnd: match.index + match[0].length,
        listed: listedTask.test(match[0]),
        self: cue === selfTask,
        request: cue === askOfOther || cue === dutyOfOther,
        duty: cue === dutyOfOther,
      };
  }
  return null;
}

export function isQuestion(sentence: TurnSentence): boolean {
  return /\?["')\]]*$/.test(sentence.sentence.text);
}

/** The verb's stem a task cue ends on ("share" in "I'll share", "could you share"). */
export function taskVerbOf(sentence: TurnSentence, cue: TaskCue): string {
  const before = sentence.sentence.text.slice(0, cue.verbEnd);
  return (/(\w+)$/.exec(before)?.[1] ?? '').toLowerCase();
}
