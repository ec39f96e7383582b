import type { DraftLength } from '../../../../shared/api/drafts.ts';
import {
  type Composer,
  type DraftSentence,
  type Paragraph,
  phrasePattern,
  required,
} from './draft-compose.ts';
import { phraseBooks } from './draft-phrases.ts';
import { capitalized } from './draft-restate.ts';
import { countWords } from './words.ts';

/**
 * How a draft follows the CSM's style profile and the chosen length: their greeting and sign-off,
 * a length around their typical reply, no contractions when they write formally, the phrases they
 * always add, and never one they always delete.
 */

function firstName(name: string | undefined): string | null {
  const first = name
    ?.trim()
    .split(/\s+/)[0]
    ?.replace(/[,"'<>]/g, '');
  return first || null;
}

/** "Hi Dana,": the learned greeting (a salutation; "{name}" or a complete line is used as it is), or the tone's. */
export function greetingLine(c: Composer): string {
  const first = firstName(c.input.recipient?.name);
  const full = c.input.recipient?.name.trim().replace(/[,"<>]/g, '');
  const byName = c.input.style?.greetsByFullName && full ? full : first;
  const name = byName ?? `${c.input.customer.name} team`;
  const learned = c.input.style?.greeting?.trim();
  if (learned && !c.removed(learned)) {
    const line = learned.includes('{name}')
      ? learned.replaceAll('{name}', name)
      : /[,!:]$/.test(learned) || (first && learned.includes(first))
        ? learned
        : `${learned} ${name}`;
    return /[,!:]$/.test(line) ? line : `${line},`;
  }
  const salutation = c.say(phraseBooks[c.tone].salutations);
  return salutation ? `${salutation} ${name},` : `${name},`;
}

/**
 * "Kind regards,\nAnna Lee": the learned sign-off (with the name when it has none), or the tone's,
 * above the lines the CSM signs with (their name by default).
 */
export function signOffLines(c: Composer): string {
  const name = c.input.style?.signature?.trim() || c.input.sender.name;
  const learned = c.input.style?.signOff?.trim();
  const first = firstName(c.input.sender.name);
  if (learned && !c.removed(learned)) {
    if (learned.includes('\n') || (first && learned.includes(first))) return learned;
    return `${/[,.!]$/.test(learned) ? learned : `${learned},`}\n${name}`;
  }
  const signOff = c.say(phraseBooks[c.tone].signOffs);
  return signOff ? `${signOff}\n${name}` : name;
}

const baseWords: Record<DraftLength, number> = { short: 45, medium: 100, long: 190 };
const scale: Record<DraftLength, number> = { short: 0.6, medium: 1, long: 1.6 };
/** The greeting and sign-off, which a learned typical length counts and the body budget does not. */
const frameWords = 6;
/** Optional words a draft keeps beyond its required ones, however long those are: the lengths stay apart. */
const allowance: Record<DraftLength, number> = { short: 0, medium: 25, long: 80 };

/** Words the body may take: the CSM's typical reply scaled by the length asked for, or a default; concise takes three quarters. */
export function wordBudget(c: Composer): number {
  const typical = c.input.style?.typicalWords;
  const words = typical ? Math.max(typical - frameWords, 15) * scale[c.length] : baseWords[c.length];
  return Math.round(c.tone === 'concise' ? words * 0.75 : words);
}

/**
 * The phrases the CSM always adds, as sentences (those the draft does not say already): `closing`
 * ones at the end, `opening` ones at the top.
 */
export function addedPhrases(c: Composer, said: string, where: 'opening' | 'closing' = 'closing'): string[] {
  const style = c.input.style;
  return ((where === 'opening' ? style?.openingPhrases : style?.addedPhrases) ?? [])
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase.length > 0 && !phrasePattern(phrase).test(said) && !c.removed(phrase))
    .map((phrase) => capitalized(/[.!?…]$/.test(phrase) ? phrase : `${phrase}.`));
}

/**
 * The paragraphs within the budget: the lowest priorities go first (the later of equals), never a
 * required sentence; a sentence with a phrase the CSM deletes goes whatever its priority, or, when
 * required, loses the phrase.
 */
export function fitToLength(c: Composer, paragraphs: Paragraph[]): Paragraph[] {
  const kept = paragraphs.map((p) =>
    p
      .filter((s) => s.text.length > 0 && (s.priority >= required || !c.removed(s.text)))
      .map((s) => ({ ...s, text: withoutRemoved(c, s.text) })),
  );
  let words = kept.flat().reduce((sum, s) => sum + countWords(s.text), 0);
  const requiredWords = kept
    .flat()
    .filter((s) => s.priority >= required)
    .reduce((sum, s) => sum + countWords(s.text), 0);
  // A CSM who writes short replies gets proportionally less beyond the required words.
  const typical = c.input.style?.typicalWords;
  const extra = allowance[c.length] * (typical ? Math.min(1, typical / 100) : 1);
  const budget = Math.max(wordBudget(c), Math.round(requiredWords + extra));
  while (words > budget) {
    const weakest = lowestOptional(kept);
    if (!weakest) break;
    const [p, i] = weakest;
    words -= countWords(kept[p]![i]!.text);
    kept[p]!.splice(i, 1);
  }
  return kept.filter((p) => p.length > 0);
}

function lowestOptional(paragraphs: DraftSentence[][]): [number, number] | null {
  let found: [number, number] | null = null;
  let lowest = required;
  for (const [p, paragraph] of paragraphs.entries())
    for (const [i, s] of paragraph.entries())
      if (s.priority <= lowest && s.priority < required) {
        found = [p, i];
        lowest = s.priority;
      }
  return found;
}

function withoutRemoved(c: Composer, text: string): string {
  let out = text;
  for (const phrase of c.input.style?.removedPhrases ?? []) {
    if (!phrase.trim()) continue;
    out = out.replace(new RegExp(phrasePattern(phrase.trim()).source, 'gi'), '');
  }
  return out === text ? text : tidy(out);
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?])/g, '$1')
    .replace(/^[\s,;:]+/gm, '')
    .trim();
}

/** Contractions written out, for a formal draft: "I'll" is "I will", "can't" is "cannot". */
const expansions: [RegExp, string][] = [
  [/\bcan['’]t\b/gi, 'cannot'],
  [/\bwon['’]t\b/gi, 'will not'],
  [/\bshan['’]t\b/gi, 'shall not'],
  [/\blet['’]s\b/gi, 'let us'],
  [/\b(it|that|there|here|what|who|where|he|she)['’]s\b/gi, '$1 is'],
  [/n['’]t\b/gi, ' not'],
  [/['’]ll\b/gi, ' will'],
  [/['’]re\b/gi, ' are'],
  [/['’]ve\b/gi, ' have'],
  [/['’]m\b/gi, ' am'],
  [/['’]d\b/gi, ' would'],
];

export function withoutContractions(text: string): string {
  return expansions.reduce((out, [pattern, full]) => out.replace(pattern, full), text);
}

/** Contractions where a word could be contracted, for a CSM who writes that way. */
const contractions: [RegExp, string][] = [
  [/\bI am\b/g, "I'm"],
  [/\b(I|you|we|they) will\b/gi, "$1'll"],
  [/\b(I|you|we|they) would\b/gi, "$1'd"],
  // "I have a question" stays: only "have" before a participle ("I have sent") contracts.
  [/\b(I|you|we|they) have (?=been\b|got\b|done\b|made\b|sent\b|seen\b|\w+ed\b)/gi, "$1've "],
  [/\b(it|that|there|here|what|who) is\b/gi, "$1's"],
  [/\b(you|we|they) are\b/gi, "$1're"],
  [/\bwill not\b/gi, "won't"],
  [/\bcannot\b/gi, "can't"],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|should|would) not\b/gi, "$1n't"],
  [/\blet us\b/gi, "let's"],
];

export function withContractions(text: string): string {
  return contractions.reduce((out, [pattern, short]) => out.replace(pattern, short), text);
}

const weekdayDate =
  /\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{1,2})\b/g;

/**
 * The body in the register the profile learned: contractions made or written out, exclamation
 * marks made full stops, weekday dates short ("Wed Nov 25"). Formal drafts write contractions out.
 */
export function inLearnedRegister(c: Composer, body: string): string {
  const style = c.input.style;
  let text = body;
  const writesOut =
    c.tone === 'formal' ||
    style?.contractions === 'spelled out' ||
    (!style?.contractions && (style?.formality ?? 0) >= 0.5);
  if (writesOut) text = withoutContractions(text);
  else if (style?.contractions === 'contracted') text = withContractions(text);
  if (style?.noExclamations) text = text.replace(/!/g, '.');
  if (style?.shortDates)
    text = text.replace(
      weekdayDate,
      (_, day: string, month: string, date: string) => `${day.slice(0, 3)} ${month} ${date}`,
    );
  return text;
}

/**
 * The body's paragraphs in the order the CSM puts them: for one who leads with the answer, the
 * first paragraph that states a date or a figure goes above the thanks and small talk before it.
 */
export function inLearnedOrder(c: Composer, paragraphs: string[]): string[] {
  if (!c.input.style?.leadsWithAnswer) return paragraphs;
  const answer = paragraphs.findIndex((p) => /\d/.test(p));
  if (answer <= 0) return paragraphs;
  return [paragraphs[answer]!, ...paragraphs.slice(0, answer), ...paragraphs.slice(answer + 1)];
}
