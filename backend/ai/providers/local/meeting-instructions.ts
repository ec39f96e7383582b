import type { TaskCue } from './meeting-task-cues.ts';
import type { TaskObject } from './meeting-task-objects.ts';
import type { TurnSentence } from './meeting-turns.ts';

/**
 * Verbs of working a screen or a device. "You have to press the export button", "you need to click
 * save and select CSV" tell how a thing is done, step by step; nobody is asked to deliver anything.
 */
const interfaceVerbs = new Set(
  'press click push tap hit select choose pick open type enter scroll go navigate drag swipe toggle switch turn touch hover log'.split(
    ' ',
  ),
);
/**
 * Verbs of producing or handing over something the other side is waiting for: "you need to send us
 * the signed order form", "you have to prepare the rollout plan". Their object is the deliverable.
 * "Make" is left out: mostly it changes a thing ("you have to make it smaller") or is light ("make a
 * decision", "make sure"), not a thing handed over.
 */
const deliverableVerbs = new Set(
  'send share sign countersign submit return provide forward email mail upload deliver prepare draft write book schedule confirm complete fill approve review finish invite introduce create build design present'.split(
    ' ',
  ),
);
/** "Send us", "get me", "let us know": done for the speaker's side. */
const forUs = /^\s+(us|me)\b/i;
/**
 * "All you have to do is", "the thing you need to": the duty is described, not put on anyone; "what
 * do you have to …" asks about one.
 */
const describedDuty = /\b(all|what|thing|things|stuff|something|do|does|did)\s+(that\s+)?$/i;
/**
 * A duty said of how things go rather than put on the listener: under a condition or a reason ("if
 * you want to see the tower, you have to go this way", "because you have to add two"), as a habit
 * ("sometimes you have to"), or denied ("I don't think you have to").
 */
const generalDuty =
  /\b(if|when|whenever|once|because|cause|since|every time|each time|sometimes|usually|always|normally|generally|never|not)\b|n['’]t\b/i;
/** A date said as a deadline: "by Friday", "before the renewal", "tomorrow", "end of day". */
const deadlineWords =
  /\b(by|before|until|till|no later than|due|deadline|end of|eod|eow|cob|today|tonight|tomorrow|(this|next) (week|month)|(mon|tues|wednes|thurs|fri)day)\b/i;

/**
 * Whether "you need to …" / "you have to …" asks the other side for something: a commitment when it
 * names a deadline, or a deliverable (a verb of producing or handing over with its object), or is done
 * for the speaker's side ("send us"). An interface step ("press", "click", "go to") without a deadline
 * is an explanation, and so is any other duty that names neither ("you have to read the text first",
 * "you need to have a lot more data"), or one said of how things go: people say "you have to" of how
 * things are, not only to ask.
 */
export function asksForCommitment(
  sentence: TurnSentence,
  cue: TaskCue,
  verb: string,
  { object, due }: { object: TaskObject; due: string | null },
): boolean {
  const text = sentence.sentence.text;
  const before = text.slice(0, text.slice(0, cue.verbEnd).search(/\byou\b(?![\s\S]*\byou\b)/i));
  if (describedDuty.test(before)) return false;
  if (due && deadlineWords.test(text)) return true;
  if (interfaceVerbs.has(verb) || generalDuty.test(before)) return false;
  if (forUs.test(text.slice(cue.verbEnd))) return true;
  return deliverableVerbs.has(verb) && object.kind !== 'none';
}

/** What is shared only live on a call: "let me share my screen", "I'll share my screen so you can see". */
const callMedium = /\b(shar|show|present)\w*\s+(my|the|our|your)\s+(screens?|desktop|window|camera|video)\b/i;

/** Whether a task is a step taken on the call itself, done as it is said, not a follow-up. */
export function isStepOnTheCall(sentence: TurnSentence): boolean {
  return callMedium.test(sentence.sentence.text);
}
