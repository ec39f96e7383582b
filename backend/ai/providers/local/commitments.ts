import type { ThreadAnalysis } from '../../../../shared/api/threads.ts';
import { resolveDue } from './due-dates.ts';
import type { LocalNlp } from './nlp.ts';
import type { Sentence } from './sentences.ts';
import type { ThreadMessageView } from './thread-messages.ts';

const apostrophe = `['’]`;
/** "I'll send", "we will look into", "I am going to", "we plan to": a first person with a future. */
const futureSelf = new RegExp(
  `\\b(i|we)(${apostrophe}ll|\\s+(will|shall|am going to|are going to|plan to|intend to|promise to|commit to|aim to))\\s+` +
    `(?!not\\b|never\\b|be (out|away|off|on (vacation|holiday|leave|pto))\\b)\\w`,
  'i',
);
/** "I am checking with engineering and will get back to you": the subject said once for two verbs. */
const andWill = /\b(i|we)\b[^.?!]*\band (will|shall)\s+(?!not\b|be\b)\w/i;
/** "Our engineers will look into it", "the team will send …": our people, in our message. */
const ourPeopleWill = new RegExp(
  `\\b(our|my) (\\w+ )?(team|engineers?|developers?|support|colleagues?|manager|specialists?)(${apostrophe}ll|\\s+will)\\s+(?!not\\b|be\\b)\\w`,
  'i',
);
/** The same with a contracted "going to": "I'm going to", "we're going to". */
const goingTo = new RegExp(`\\b(i${apostrophe}m|we${apostrophe}re)\\s+going to\\s+\\w`, 'i');
/** "Let me check / get back to you / follow up …" */
const letMe =
  /\blet me\s+(check|confirm|find out|look|get back|follow up|send|share|dig|ask|see|investigate|review|loop|circle back|come back|update|set up|schedule)\b/i;
/** "You'll have it by Monday", "you will receive", "expect it by …" */
const youWillGet = new RegExp(
  `\\b(you${apostrophe}ll|you will)\\s+(have|receive|get|hear)\\b|\\bexpect (it|them|an? \\w+|the \\w+|to hear)\\b`,
  'i',
);
const willDo = /^(will do|on it)\b/i;
const promises = [futureSelf, andWill, ourPeopleWill, goingTo, letMe, youWillGet, willDo];

/** Whether one of our sentences promises something. Questions ("Will we …?") promise nothing. */
export function isCommitment(sentence: Sentence): boolean {
  const text = sentence.text;
  if (/\?["')\]]*$/.test(text)) return false;
  return promises.some((pattern) => pattern.test(text));
}

export function findCommitments(nlp: LocalNlp, messages: ThreadMessageView[]): ThreadAnalysis['commitments'] {
  return messages
    .filter((m) => m.ours)
    .flatMap((message) =>
      message.sentences.filter(isCommitment).map((sentence) => ({
        quote: sentence.text.slice(0, 1000),
        messageIndex: message.index,
        due: resolveDue(nlp, sentence.text, message.sentAt),
      })),
    )
    .slice(0, 50);
}
