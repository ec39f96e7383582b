import type { MeetingAnalysis } from '../../../../shared/api/meetings.ts';
import { clip } from './meeting-outcomes.ts';
import type { TurnView } from './meeting-turns.ts';

/** Tag questions and back-channel ("right?", "okay?", "you know?") ask nothing. */
const rhetorical = /^(right|okay|ok|yeah|you know|isn['’]?t it|no|huh|sorry|what)\?$/i;
/** What opens a reply without answering yet: "um", "well", "good question" ("okay" and "right" answer a yes-no question). */
const preamble =
  /^\s*((um+|uh+|hmm+|mm+|well|oh|ah|good question|that['’]?s a good question|great question)[,.!…]*(\s+|$))+/i;
/** Not knowing: "I don't know", "not sure", "no idea", "we'll have to see", "TBD". */
const notKnowing =
  /^(i (don['’]?t|do not) know|(i['’]?m |we['’]?re )?not sure|no idea|hard to say|we['’]?ll (have to )?see|tbd|i (can['’]?t|cannot) say)\b/i;
/**
 * Putting the answer off: "let me check", "I'll find out", "we'll get back to you", "I'll come back
 * with a plan" — said anywhere in the reply's first sentence, the question waits on it.
 */
const deferral =
  /\b(let me (check|find out|look into|see|get back)|(i|we)(['’]ll| will| can| need to| have to)( have to)? (check|find out|look into|get back to you|come back (to you )?(with|on)|circle back|follow up (on|with)|confirm (that|later))|get back to you|come back with|circle back)\b/i;
/** How many turns a question waits for someone else to answer it. */
const answerWindow = 3;

/**
 * Questions to the other side the call left open. A turn that ends on a question of five words or
 * more hands the floor over with it; it is open when nobody else speaks in the next turns, or the
 * first one to reply (past an "um" or a "good question") asks back, admits not knowing or puts the
 * answer off. A reply that answers and then asks something else has answered.
 */
export function findOpenQuestions(views: TurnView[]): MeetingAnalysis['openQuestions'] {
  const open: MeetingAnalysis['openQuestions'] = [];
  for (const view of views) {
    const last = view.sentences.at(-1);
    if (!last || !/\?["')\]]*$/.test(last.sentence.text) || last.words < 5) continue;
    if (rhetorical.test(last.sentence.text.trim())) continue;
    const reply = views
      .slice(view.index + 1, view.index + 1 + answerWindow)
      .find((v) => v.speaker !== view.speaker && v.sentences.length > 0);
    if (!reply || leavesOpen(reply)) open.push({ text: clip(last.sentence.text), turn: view.index });
  }
  return open.slice(0, 100);
}

function leavesOpen(reply: TurnView): boolean {
  const said = reply.sentences.map((s) => s.sentence.text.replace(preamble, '')).find((t) => t.trim() !== '');
  if (said === undefined) return true;
  return /\?["')\]]*$/.test(said) || notKnowing.test(said) || deferral.test(said);
}
