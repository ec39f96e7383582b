import type { DraftLength } from '../../../../shared/api/drafts.ts';
import { capitalized } from './draft-restate.ts';
import type { LocalNlp } from './nlp.ts';

/**
 * The CSM's instruction ("mention the new SSO release, ask about their Q1 plans, keep it short")
 * turned into what the draft says: each directive into a sentence to the customer, and the ones
 * about the draft itself (short, longer) into its length. Trusted text: the CSM typed it.
 */
export interface FollowedInstruction {
  sentences: string[];
  length: DraftLength | null;
}

const aboutLength: [RegExp, DraftLength][] = [
  [
    /^(keep it|make it|be)\s+(short|brief|concise|tight)\b|^(short|brief)( please)?$|^no more than \w+ (lines|sentences)/i,
    'short',
  ],
  [/^(make it|be)\s+(longer|more detailed|detailed|thorough)\b|^(go into|add more) detail/i, 'long'],
];

/** "them", "their", "the customer": the customer, who is "you" in the draft. */
const thirdPerson: [RegExp, string][] = [
  [/\bthey(['’])re\b/gi, 'you$1re'],
  [/\bthey are\b/gi, 'you are'],
  [/\bthey were\b/gi, 'you were'],
  [/\bthey\b/gi, 'you'],
  [/\bthem\b/gi, 'you'],
  [/\btheirs\b/gi, 'yours'],
  [/\btheir\b/gi, 'your'],
  [/\bthemselves\b/gi, 'yourselves'],
  [/\b(the customer|the client)(['’]s)\b/gi, 'your'],
  [/\b(the customer|the client)\b/gi, 'you'],
];
/** Whom a directive names ("ask them", "tell Dana"): optional, and not kept. */
const person = String.raw`(?:(?:them|him|her|the customer|the client|[A-Z][a-z]+)\s+)?`;
/** Matched on the directive with its first letter lowered: case matters for a person's name. */
const rule = (verbs: string, rest: string, named = true) =>
  new RegExp(`^(?:${verbs})\\s+${named ? person : ''}${rest}(.+)$`);

/** Directive forms and what each becomes; the capture is the rest of the directive. */
const directives: [RegExp, (rest: string) => string][] = [
  [rule('let', String.raw`know\s+(?:that\s+)?`), (r) => `I wanted to let you know that ${r}`],
  [rule('tell|inform', String.raw`(?=about\s)`), (r) => `I wanted to tell you ${r}`],
  [rule('tell|inform', String.raw`(?:that\s+)?`), (r) => `I wanted to let you know that ${r}`],
  [
    rule('mention|note|point out|stress|highlight|emphasi[sz]e|say', String.raw`that\s+`, false),
    (r) => `I wanted to let you know that ${r}`,
  ],
  [
    rule('mention|note|point out|stress|highlight|emphasi[sz]e', '', false),
    (r) => `I also wanted to mention ${r}`,
  ],
  [rule('ask', String.raw`(?:about|regarding)\s+`), (r) => `Could you tell me more about ${r}?`],
  [rule('ask', String.raw`(?:whether|if)\s+`), (r) => `Could you let me know whether ${r}?`],
  [rule('ask', String.raw`for\s+`), (r) => `Could you send over ${r}?`],
  [rule('ask', String.raw`to\s+`), (r) => `Could you ${r}?`],
  [rule('ask', ''), (r) => `Could you tell me more about ${r}?`],
  [rule('apologi[sz]e|say sorry', String.raw`(?:to \w+\s+)?(?:for\s+)?`), (r) => `I am sorry for ${r}`],
  [rule('thank', String.raw`(?:for\s+)?`), (r) => `Thank you for ${r}`],
  [rule('congratulate', String.raw`(?:on\s+)?`), (r) => `Congratulations on ${r}`],
  [rule('remind', String.raw`(?:that\s+|of\s+|about\s+)?`), (r) => `A quick reminder: ${r}`],
  [rule('invite', String.raw`(?:to\s+)?`), (r) => `I would like to invite you to ${r}`],
  [rule('propose|suggest|recommend', '', false), (r) => `I would like to suggest ${r}`],
  [rule('offer', '', false), (r) => `We would be happy to offer ${r}`],
  [rule('confirm', String.raw`(?:that\s+)?`, false), (r) => `I can confirm ${r}`],
  [
    rule('decline|turn down|say no to', '', false),
    (r) => `Unfortunately, we are not able to accommodate ${r}`,
  ],
  [rule('follow up|check in', String.raw`(?:on|about)\s+`, false), (r) => `I wanted to follow up on ${r}`],
  [rule('schedule|set up|book|arrange', '', false), (r) => `I would like to set up ${r}`],
  [rule('introduce', '', false), (r) => `I would like to introduce ${r}`],
  [rule('send|share|attach|include', ''), (r) => `I will share ${r}`],
];

export function followInstruction(nlp: LocalNlp, instruction: string): FollowedInstruction {
  const followed: FollowedInstruction = { sentences: [], length: null };
  for (const directive of directivesOf(instruction)) {
    const length = aboutLength.find(([pattern]) => pattern.test(directive));
    if (length) {
      followed.length = length[1];
      continue;
    }
    followed.sentences.push(toSentence(nlp, directive));
  }
  return followed;
}

/** The instruction's directives: its sentences and lines, and clauses joined by "and" or "then" that each start with a verb. */
function directivesOf(instruction: string): string[] {
  return instruction
    .split(
      /(?<=[.!?;])\s+|\n+|(?:,\s+|,?\s+(?:and then|then|and also|and)\s+)(?=(?:ask|mention|tell|let|thank|apologi[sz]e|offer|propose|suggest|remind|invite|confirm|schedule|keep|make|be|say|note|include|share|send|highlight)\b)/i,
    )
    .map((part) =>
      part
        .trim()
        .replace(/^(?:please|pls|also)\s+/i, '')
        .replace(/[.!;,\s]+$/, ''),
    )
    .filter((part) => part.length > 0);
}

function toSentence(nlp: LocalNlp, directive: string): string {
  const lowered = directive.charAt(0).toLowerCase() + directive.slice(1);
  for (const [pattern, say] of directives) {
    const found = pattern.exec(lowered);
    if (found) return finish(say(toTheCustomer(found[1]!)));
  }
  const addressed = toTheCustomer(directive);
  // An imperative we have no form for ("highlight…" is covered; "push for a decision") is what we want to do.
  const first = nlp.wink.readDoc(directive).tokens().out(nlp.wink.its.pos)[0];
  return finish(first === 'VERB' ? `I wanted to ${lowerFirst(addressed)}` : addressed);
}

function toTheCustomer(text: string): string {
  return thirdPerson.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function finish(text: string): string {
  const trimmed = capitalized(text.trim());
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
