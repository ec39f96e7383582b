/// <reference path="./meeting-modules.d.ts" />
import stem from 'wink-eng-lite-web-model/dist/porter-stemmer.js';
import { type FluentText, fluentText } from './meeting-disfluency.ts';
import { taskObject } from './meeting-task-objects.ts';
import type { TurnSentence, TurnView } from './meeting-turns.ts';

const apostrophe = `['’]`;
/** Verbs that pick one option over others: "go with", "stick to", "get rid of". */
const choosing = `(go with|go for|go ahead with|stick with|stick to|get rid of|scrap|leave out|settle on|settle for|opt for|do without|skip)`;
const future = `(we${apostrophe}ll|we will|we${apostrophe}re going to|we are going to|we${apostrophe}re gonna|we are gonna|we won${apostrophe}t|we will not|we${apostrophe}re not going to|we are not going to|we${apostrophe}re not gonna)`;

/** A decision reported as one: "we decided", "we've agreed", "the decision is", "it's settled". */
const reportedDecision = new RegExp(
  [
    String.raw`\b(we|they|everyone|the team|you|i)\s+(have\s+|had\s+|all\s+)?(decided|agreed|settled|concluded|chose|picked|opted)\b`,
    String.raw`\b(we${apostrophe}ve|we${apostrophe}d)\s+(all\s+)?(decided|agreed|settled|concluded|chosen|picked|opted)\b`,
    String.raw`\b(the|our|final)\s+decision\s+(is|was)\b`,
    String.raw`\b(it${apostrophe}s|that${apostrophe}s|is)\s+(decided|agreed|settled|final)\b`,
    String.raw`\bagreed\s+(on|to|that)\b`,
    String.raw`\b(we|we${apostrophe}re|we are)\s+(all\s+)?(agree|in agreement)\b`,
    String.raw`\bwe\s+(can|could)\s+conclude\b`,
    String.raw`(^|\bso\s+|\bthen\s+|\bokay\s+)(then\s+)?we\s+(now\s+)?decide\s+(on|to|that|against)\b`,
  ].join('|'),
  'i',
);
/**
 * The group binding itself to an option ("we'll go for the rubber case", "we won't go with that
 * one", "let's go with five"), or drawing the outcome with a concluding "so" ("so we keep the curve",
 * "…, so we'll have a little square", "so we're going for plastic") or a closing "then" ("we'll
 * stick to the fruit theme then").
 */
const choiceCue = new RegExp(
  [
    String.raw`\b${future}\s+(definitely\s+|just\s+|probably\s+)?${choosing}`,
    String.raw`\b(let${apostrophe}s|lets)\s+(just\s+)?(${choosing}|go with|go for|agree on|keep|stick|use|make it|do it)`,
    String.raw`(^|[,;]\s*)((okay|ok|alright|right|well)[,.]?\s+)?so[,]?\s+(${future}\s+(definitely\s+|just\s+)?(have|make|include|put|take|keep|use|stick|leave|${choosing})|we\s+(definitely\s+|just\s+)?(keep|use|stick|leave|${choosing}))`,
    String.raw`(^|[,;]\s*)((okay|ok|alright|right|well)[,.]?\s+)?so[,]?\s+(we${apostrophe}re|we are)\s+(definitely\s+|just\s+)?(not\s+)?(having|using|doing|keeping|making|putting|including|going with|going for|sticking)\b`,
    String.raw`\b${future}\s+(just\s+|definitely\s+)?(have|use|do|keep|take|make|put|include|stick|leave|go)\b(\s+[^\s?]+){0,8}\s+then[.!]?$`,
  ].join('|'),
  'i',
);
/** A verdict with the chosen thing fronted: "Triple R it is", "Friday it is". */
const verdict = /^(.{1,40}?)\s+it is[.!]*$/i;

/** A proposal for the group, a decision once someone else accepts it: "we could make it yellow", "I'd say we keep". */
const proposal = new RegExp(
  [
    String.raw`\bwe\s+(should|could)\s+(just\s+|still\s+|definitely\s+|also\s+|maybe\s+|perhaps\s+)?(?!(be|see|say|think|talk|discuss|ask|try|do|get|go|look|start|move|wait|check|figure|find)\b)[a-z]{3,}`,
    String.raw`\b(i${apostrophe}d|i would|i)\s+(say|suggest|propose|vote for)\s+(we\b|that we\b|lose\b|keep\b|go\b|no\b)`,
    String.raw`\b(how|what)\s+about\s+we\b|\bwhy\s+don${apostrophe}t\s+we\b`,
    String.raw`\b(i${apostrophe}m|i am)\s+(kind of\s+|kinda\s+)?inclined\s+to\b`,
  ].join('|'),
  'i',
);
/** Someone else taking a proposal up: "I agree", "sounds good", "good idea", "let's do that" (a bare "yeah" only hears it out). */
const acceptance =
  /^\s*((yes|yeah|yep|okay|ok|sure|right|oh|well)[,.!]?\s+)*(i (totally |completely )?agree|agreed|sounds (good|great|fine)|((that|there|it)['’]?s |that is )?(a )?(good|great|nice) idea|why not|i like (that|it|this)|go for it|that works|that'?s fine|fine( by me)?|fair enough|deal|i second that|let'?s do (it|that)|definitely|absolutely|exactly|perfect|excellent|of course|yes,? let'?s)\b/i;
/** A call for objections: the proposal stands if nobody raises one. */
const consensusCheck =
  /\b(do|does) (any(one|body)|every(one|body)) (disagree|object|mind)|\bany objections\b|\b(are|is) (we|everyone|everybody) (all )?(agreed|happy|okay|ok|fine|good) with\b/i;
const objection =
  /^\s*((yes|well|um|uh)[,.]?\s+)*(i (do|disagree|object)|no\b|not really|actually|but\b|i don'?t (think|agree|know)|i'?m not sure)/i;
/** An objection to a call for objections: "no" there means none. */
const standingObjection =
  /^\s*((yes|well|um|uh)[,.]?\s+)*(i (do|disagree|object)|yes,? i|actually|but\b|wait\b|i don'?t (think|agree)|i'?m not sure)/i;
/** A tag on a statement ("…, right?") asks for confirmation: the statement is still asserted. */
const confirmationTag =
  /,\s*(right|yeah|no|okay|ok|correct|yes|isn['’]?t it|didn['’]?t we|don['’]?t we|aren['’]?t we|wasn['’]?t it)\?["')\]]*$/i;
/** "Are we going for …", "do we go with …": asked, even when the question mark is lost in transcription. */
const askingOrder = /^(\w+[,]?\s+)?(are|do|did|shall|should|have|is|will|can|could|would)\s+we\b/i;
/** "If we're going for the retro look, …": a condition, not a choice. */
const conditional = /\b(if|whether|unless|in case)\s+(\w+\s+){0,2}$/i;

/** "Let's go for the three presentations": the meeting's running order, not a choice it makes. */
const procedural =
  /^\s*(the |a |our |your )?(\w+ )?(presentations?|agenda|introductions?|round|break|lunch|next (item|point|one|slide)|minutes)\b/i;

/** How many turns by others after a proposal an acceptance or an objection still answers it. */
const answerWindow = 2;

/**
 * The decisions of a call, as sentences: a decision reported or made in so many words, a proposal
 * someone else accepts (the adjacency pair by which groups decide, Fernández et al. 2008), or one
 * put to the room that nobody objects to. A choice of only "that" or "it" ("yeah, we'll go with
 * that") is the sentence before it decided: that sentence comes with it.
 */
export function findDecisions(views: TurnView[]): Decision[] {
  const found: Decision[] = [];
  for (const view of views)
    view.sentences.forEach((sentence, index) => {
      const before = index > 0 ? view.sentences[index - 1] : views[view.index - 1]?.sentences.at(-1);
      const decision = decisionIn(sentence, before, index === 0, views);
      // An answer echoed down a chain of turns is one decision, told by its first turn.
      const last = found.at(-1);
      if (decision && !(last && decision.turn - last.turn <= echoWindow && sameStart(last, decision)))
        found.push(decision);
    });
  return found;
}

/** Two decisions quoting the same question first. */
function sameStart(a: Decision, b: Decision): boolean {
  const question = /^[^?]*\?/.exec(a.text)?.[0];
  return !!question && b.text.startsWith(question) && a.text !== b.text;
}

export interface Decision {
  text: string;
  turn: number;
}

function decisionIn(
  sentence: TurnSentence,
  before: TurnSentence | undefined,
  opensTurn: boolean,
  views: TurnView[],
): Decision | null {
  const said = { text: sentence.sentence.text, turn: sentence.turn };
  const fluent = fluentText(said.text);
  const choice = statedChoice(sentence, fluent);
  if (choice)
    return choice.kind !== 'named' && before
      ? { ...said, text: `${before.sentence.text} ${said.text}` }
      : said;
  if (isAcceptedProposal(sentence, fluent.text, views)) return said;
  const asked = opensTurn ? echoedChoice(sentence, views) : null;
  if (asked) return { ...said, text: `${asked.sentence.text} ${said.text}` };
  if (before && consensusCheck.test(said.text) && unopposed(sentence, views))
    return { text: before.sentence.text, turn: before.turn };
  return null;
}

/** The object of the choice a sentence states, or null when it states none. */
function statedChoice(sentence: TurnSentence, fluent: FluentText): ReturnType<typeof taskObject> | null {
  if (isAsked(sentence)) return null;
  const match = choiceCue.exec(fluent.text) ?? reportedDecision.exec(fluent.text);
  if (match) {
    if (conditional.test(fluent.text.slice(0, match.index))) return null;
    if (procedural.test(fluent.text.slice(match.index + match[0].length))) return null;
    return taskObject(sentence, fluent.spokenOffset(match.index + match[0].length));
  }
  const fronted = verdict.exec(sentence.sentence.text.trim());
  return fronted && isFrontedThing(sentence, fronted[1]!) ? { kind: 'named' } : null;
}

function isAcceptedProposal(sentence: TurnSentence, text: string, views: TurnView[]): boolean {
  const match = isAsked(sentence) ? null : proposal.exec(text);
  if (!match || conditional.test(text.slice(0, match.index))) return false;
  const replies = repliesTo(sentence, views);
  return replies.some((r) => acceptance.test(r)) && !replies.some((r) => objection.test(r));
}

/** Short enough to be an answer given as a phrase ("A combination.", "Triple A, yeah."). */
const phraseWords = 6;
const echoWindow = 3;

/** A question that puts options to the group: "battery or kinetic?", "which colour do we want?". */
const choiceQuestion =
  /\b\w+\s+(or|versus|vs\.?)\s+(?!(what|something|anything|whatever|not|so|no)\b)\w+|\b(which|what)\b.*\b(we|us)\b/i;

/**
 * Convergence on an option: a short answer to a question that put options to the group, which
 * someone else takes up within the next turns ("battery or kinetic?" — "A combination." — "A
 * combination, yeah."). Speakers who repeat each other's words are aligning on them (Pickering &
 * Garrod 2004); after a choice was asked for, that is the group's choice.
 */
function echoedChoice(sentence: TurnSentence, views: TurnView[]): TurnSentence | null {
  if (isAsked(sentence) || sentence.words > phraseWords) return null;
  const question = choiceAskedBefore(sentence, views);
  const said = new Set(thingStems(sentence));
  if (!question || said.size === 0) return null;
  const echoed = views.slice(sentence.turn + 1, sentence.turn + 1 + echoWindow).some((view) => {
    const first = view.sentences[0];
    if (view.speaker === sentence.speaker || !first || isAsked(first) || first.words > phraseWords)
      return false;
    const stems = thingStems(first);
    return stems.length > 0 && stems.every((s) => said.has(s));
  });
  return echoed ? question : null;
}

/** The question putting options to the group that a turn in the last few, by someone else, ended on. */
function choiceAskedBefore(sentence: TurnSentence, views: TurnView[]): TurnSentence | null {
  for (const view of views.slice(Math.max(0, sentence.turn - echoWindow), sentence.turn).reverse()) {
    const last = view.sentences.at(-1);
    if (!last || !isAsked(last)) continue;
    return view.speaker !== sentence.speaker && choiceQuestion.test(last.sentence.text) ? last : null;
  }
  return null;
}

/** Stems of the sentence's nouns, names and numbers: what an answer picks, not how it is said. */
function thingStems(sentence: TurnSentence): string[] {
  return sentence.sentence.tokens
    .filter((t) => thingTags.has(t.pos) && !t.stopWord && t.normal.length > 1 && !answerWords.test(t.normal))
    .map((t) => stem(t.normal));
}
const thingTags = new Set(['NOUN', 'PROPN', 'NUM']);
/** Polarity and back-channel words wink may tag as nouns: they answer, they pick nothing. */
const answerWords = /^(no|yes|yeah|yep|okay|ok|right|sure|m+|mm-?hmm|mhm|hmm+|uh-?huh|um+|uh+)$/;

function unopposed(sentence: TurnSentence, views: TurnView[]): boolean {
  const replies = repliesTo(sentence, views);
  return replies.length > 0 && !replies.some((r) => standingObjection.test(r));
}

/** The first sentence of each of the next turns by someone else, within the answer window. */
function repliesTo(sentence: TurnSentence, views: TurnView[]): string[] {
  const replies: string[] = [];
  for (const view of views.slice(sentence.turn + 1)) {
    if (replies.length >= answerWindow) break;
    if (view.speaker === sentence.speaker) break;
    const first = view.sentences[0];
    if (first) replies.push(first.sentence.text);
  }
  return replies;
}

function isAsked(sentence: TurnSentence): boolean {
  const text = sentence.sentence.text;
  if (askingOrder.test(text)) return true;
  return /\?["')\]]*$/.test(text) && !confirmationTag.test(text);
}

/** "Triple R it is": the fronted words end in a noun, a name, an adjective or a number, not "I think it is". */
function isFrontedThing(sentence: TurnSentence, fronted: string): boolean {
  const end = sentence.sentence.start + fronted.length;
  const last = sentence.sentence.tokens.filter((t) => t.start < end && t.type === 'word').at(-1);
  return (
    !!last &&
    ['NOUN', 'PROPN', 'ADJ', 'NUM', 'X'].includes(last.pos) &&
    !/^(it|that|this)$/i.test(last.normal)
  );
}
