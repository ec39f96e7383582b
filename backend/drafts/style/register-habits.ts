import { contractionCounts } from './formality.ts';
import type { LetterPair } from './layout-habits.ts';

/**
 * The register a CSM writes in, as the words show it, from the bodies of what they sent: whether
 * they contract ("I'll") or write out ("I will"), whether they use exclamation marks, how they
 * write a date. Sign-offs are left out: "Thanks!" is a sign-off, not a register.
 */

/** Contracted or written out when this share of the forms that could be either say so. */
const consistentShare = 0.8;
const minForms = 4;
const minSamples = 2;

export function learnContractions(
  pairs: LetterPair[],
  previous: 'contracted' | 'spelled out' | null,
): 'contracted' | 'spelled out' | null {
  let contracted = 0;
  let spelledOut = 0;
  for (const { sent } of pairs) {
    const counts = contractionCounts(sent.body);
    contracted += counts.contracted;
    spelledOut += counts.spelledOut;
  }
  const forms = contracted + spelledOut;
  if (forms < minForms) return previous;
  if (contracted >= consistentShare * forms) return 'contracted';
  if (spelledOut >= consistentShare * forms) return 'spelled out';
  return null;
}

/**
 * No exclamation marks: none in anything they sent, though drafts they sent had them. Drafts
 * that follow the habit have none to take out: only an exclamation mark they write undoes it.
 */
export function learnNoExclamations(pairs: LetterPair[], previous: boolean): boolean {
  if (pairs.some((p) => p.sent.body.includes('!'))) return false;
  const takenOut = pairs.filter((p) => p.draft.body.includes('!')).length;
  return takenOut >= minSamples || previous;
}

const weekdays = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const months = 'January|February|March|April|May|June|July|August|September|October|November|December';
export const longWeekdayDate = new RegExp(`\\b(${weekdays}),? (${months}) (\\d{1,2})\\b`, 'g');
const shortWeekdayDate =
  /\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}\b/;

/** Short dates ("Wed Nov 25") when most sent texts with a weekday's date write it short. */
export function learnShortDates(pairs: LetterPair[], previous: boolean): boolean {
  let short = 0;
  let long = 0;
  for (const { sent } of pairs) {
    if (shortWeekdayDate.test(sent.body)) short++;
    else if (new RegExp(longWeekdayDate.source).test(sent.body)) long++;
  }
  if (short + long === 0) return previous;
  return short >= minSamples && short > long;
}
