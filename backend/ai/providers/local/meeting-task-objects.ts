import type { TurnSentence } from './meeting-turns.ts';
import type { Token } from './sentences.ts';

/**
 * What a task is about, read from the words after its verb: a thing it names ("send the report"),
 * only a pronoun standing for something said before ("I'll share it"), or nothing ("let me check").
 */
export type TaskObject = { kind: 'named' } | { kind: 'pronoun'; token: Token } | { kind: 'none' };

/** Deadlines and times say when, not what: "by the end of the month" names no thing to act on. */
const temporalNouns = new Set(
  'today tomorrow tonight yesterday morning afternoon evening night weekend week weeks month months quarter year day days end time moment eod eow cob asap monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(
    ' ',
  ),
);
/** Pronouns that stand for a thing; "you", "me", "us" are whom it is for. */
const thingPronouns = new Set(['it', 'that', 'this', 'them', 'those', 'these', 'one']);
/** Where the verb's clause ends: what follows is another clause ("so we can review it"). */
const clauseBreaks = new Set([',', ';', ':', 'so', 'because', 'if', 'when', 'while', 'but', 'and', 'then']);
const contentTags = new Set(['NOUN', 'PROPN', 'NUM']);
/** Nouns of amount or kind ("a lot", "that sort of thing"): no pronoun stands for them. */
const vagueNouns = new Set('lot lots bit kind sort thing things stuff way something'.split(' '));

/** The object of the task verb that ends at `verbEnd` (an offset in the sentence's text). */
export function taskObject(sentence: TurnSentence, verbEnd: number): TaskObject {
  const from = sentence.sentence.start + verbEnd;
  let pronoun: Token | undefined;
  for (const token of sentence.sentence.tokens) {
    if (token.start < from) continue;
    if (clauseBreaks.has(token.normal)) break;
    if (thingPronouns.has(token.normal)) {
      if (!pronoun && token.pos !== 'ADJ') pronoun = token;
    } else if (contentTags.has(token.pos) && !temporalNouns.has(token.normal)) return { kind: 'named' };
  }
  return pronoun ? { kind: 'pronoun', token: pronoun } : { kind: 'none' };
}

/**
 * The thing a pronoun in the next turn most likely stands for: the noun phrase in object position of
 * the turn's last sentence (the first one after its first verb, with an "of" phrase it carries: "the
 * list of admins"), as centering theory ranks an utterance's object above its other phrases. Null
 * when that sentence has none, or it is a time or a person: then what "it" is is not clear.
 */
export function objectPhraseOf(sentence: TurnSentence, people: string[]): string | null {
  const tokens = sentence.sentence.tokens;
  const verb = tokens.findIndex((t) => t.pos === 'VERB');
  if (verb < 0) return null;
  let start = verb + 1;
  while (start < tokens.length && !isPhraseWord(tokens[start]!)) {
    if (clauseBreaks.has(tokens[start]!.normal)) return null;
    start++;
  }
  let end = phraseEnd(tokens, start);
  if (end === start) return null;
  if (tokens[end]?.normal === 'of' && isPhraseWord(tokens[end + 1] ?? null)) end = phraseEnd(tokens, end + 1);
  const head = tokens[end - 1]!;
  if (!contentTags.has(head.pos) || temporalNouns.has(head.normal) || vagueNouns.has(head.normal))
    return null;
  const text = sentence.sentence.text;
  const phrase = text.slice(
    tokens[start]!.start - sentence.sentence.start,
    head.start - sentence.sentence.start + head.value.length,
  );
  const lower = phrase.toLowerCase();
  if (people.some((p) => lower === p.toLowerCase() || lower === p.split(/\s+/)[0]!.toLowerCase()))
    return null;
  return phrase;
}

const phraseTags = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);

function isPhraseWord(token: Token | null): boolean {
  return !!token && phraseTags.has(token.pos) && !thingPronouns.has(token.normal);
}

/** Past the last word of the noun phrase starting at `start`: determiners, modifiers, nouns. */
function phraseEnd(tokens: Token[], start: number): number {
  let end = start;
  while (end < tokens.length && isPhraseWord(tokens[end]!)) end++;
  return end;
}

/** The sentence with what its pronoun stands for in brackets after it, as a quote is annotated. */
export function withReferent(sentence: TurnSentence, pronoun: Token, referent: string): string {
  const text = sentence.sentence.text;
  const at = pronoun.start - sentence.sentence.start + pronoun.value.length;
  return `${text.slice(0, at)} [${referent}]${text.slice(at)}`;
}
