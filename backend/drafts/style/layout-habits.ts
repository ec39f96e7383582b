import type { LetterParts } from './letter-parts.ts';
import { contains, phraseOf, tokensOf } from './phrase-tokens.ts';

/**
 * Where a CSM puts things, learned from the drafts and what they sent of them: whom the greeting
 * names, what they sign with, whether a phrase they add goes at the top or the end, and whether
 * they lead with the answer. Each is a vote a sample; a habit needs `minVotes` and a majority.
 */
export interface LetterPair {
  draft: LetterParts;
  sent: LetterParts;
}

const minVotes = 2;

/** They greet by full name when most of their greetings name two words or more. */
export function learnGreetsByFullName(pairs: LetterPair[], previous: boolean): boolean {
  const names = pairs.map((p) => p.sent.greetedName).filter((n): n is string => !!n);
  const full = names.filter((n) => n.split(/\s+/).length >= 2).length;
  const first = names.length - full;
  if (full >= minVotes && full > first) return true;
  if (first >= minVotes && first >= full) return false;
  return previous;
}

/** The lines they sign with most often (at least two sent texts and half of them). */
export function learnSignature(pairs: LetterPair[], previous: string | null): string | null {
  const counts = new Map<string, number>();
  for (const { sent } of pairs)
    if (sent.signature) counts.set(sent.signature, (counts.get(sent.signature) ?? 0) + 1);
  const [best, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  if (best && count >= minVotes && count >= pairs.length / 2) return best.slice(0, 300);
  return counts.size === 0 ? previous : null;
}

/**
 * Which added phrases go at the top: those that, where they were sent, mostly stood in the first
 * paragraph of a body of several. A phrase with no sent text to show it keeps its place.
 */
export function openingOfAdded(pairs: LetterPair[], added: string[], previousOpening: string[]): string[] {
  return added.filter((phrase) => {
    const words = phraseOf(phrase).words;
    let top = 0;
    let elsewhere = 0;
    for (const { sent } of pairs) {
      const at = sent.paragraphs.findIndex((p) => contains(wordsOf(p), words));
      if (at < 0 || sent.paragraphs.length < 2) continue;
      if (at === 0) top++;
      else elsewhere++;
    }
    return top + elsewhere === 0 ? previousOpening.includes(phrase) : top > elsewhere;
  });
}

/**
 * Whether they lead with the answer: in each draft that had an opening paragraph of thanks or
 * small talk (no date or figure, not the closing one) and a paragraph that answers (one with a date
 * or a figure), which of the two came first in what they sent. Paragraphs made of phrases they
 * always add are not the draft's own and say nothing of its order.
 */
export function learnLeadsWithAnswer(
  pairs: LetterPair[],
  addedPhrases: string[],
  previous: boolean,
): boolean {
  const added = addedPhrases.map((p) => phraseOf(p).words);
  let answerFirst = 0;
  let openingFirst = 0;
  for (const { draft, sent } of pairs) {
    const own = draft.paragraphs.filter((p) => !onlyAdded(p, added));
    const answer = own.findIndex(statesFacts);
    const opening = own.findIndex((p, i) => !statesFacts(p) && i < own.length - 1);
    if (answer < 0 || opening < 0) continue;
    const sentAnswer = whereSent(own[answer]!, sent.paragraphs);
    const sentOpening = whereSent(own[opening]!, sent.paragraphs);
    if (sentAnswer < 0 || sentOpening < 0 || sentAnswer === sentOpening) continue;
    if (sentAnswer < sentOpening) answerFirst++;
    else openingFirst++;
  }
  if (answerFirst + openingFirst === 0) return previous;
  return answerFirst >= minVotes && answerFirst > openingFirst;
}

/** An answer says when or how much: a date, a figure, a count of days. */
export function statesFacts(paragraph: string): boolean {
  return /\d/.test(paragraph);
}

/** The sent paragraph most of whose words come from this draft paragraph; −1 when none does. */
function whereSent(draftParagraph: string, sentParagraphs: string[]): number {
  const drafted = new Set(wordsOf(draftParagraph));
  let best = -1;
  let bestShare = 0.6;
  sentParagraphs.forEach((p, i) => {
    const words = wordsOf(p);
    if (words.length === 0) return;
    const share = words.filter((w) => drafted.has(w)).length / words.length;
    if (share >= bestShare) {
      best = i;
      bestShare = share;
    }
  });
  return best;
}

function onlyAdded(paragraph: string, added: string[][]): boolean {
  let rest = wordsOf(paragraph).join(' ');
  for (const words of added) rest = rest.replaceAll(words.join(' '), ' ');
  return rest.trim() === '';
}

function wordsOf(text: string): string[] {
  return tokensOf(text).map((t) => t.word);
}
