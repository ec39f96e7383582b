import { streetSuffixes, streetWordsAfterName } from './address-words.ts';
import { lexicons } from './lexicons.ts';
import {
  closings,
  determiners,
  greetings,
  headerLine,
  introductions,
  isCompanyWord,
  locatives,
  movementBefore,
  personPrepositions,
  personPronouns,
  personVerbs,
  relations,
  speechBefore,
  strongPersonVerbs,
  titles,
} from './name-cues.ts';
import type { NamePiece } from './name-pieces.ts';
import type { WordSet } from './phrases.ts';
import { isAllCaps, type Token } from './tokens.ts';

/** A piece scoring this or more is a person's name. */
export const acceptScore = 2;

export interface NameContext {
  text: string;
  tokens: readonly Token[];
  /** Lowercase words of names known to be people: the org's contacts and names found so far. */
  nameWords: WordSet;
}

/**
 * How much a piece reads as a person's name: its words (a given name first, a surname last, an
 * initial, a word no dictionary has), then what surrounds it (a title or greeting before, a verb
 * people do after, a line of its own under "Thanks,", an email header) against what says place or
 * company (a locative before, "Inc" after, a known place).
 */
export function scoreNamePiece(context: NameContext, piece: NamePiece): number {
  const { text, tokens } = context;
  const lex = lexicons();
  const first = tokens[piece.from]!;
  const last = tokens[piece.to - 1]!;
  const phrase = tokens
    .slice(piece.from, piece.to)
    .filter((t) => t.kind === 'word')
    .map((t) => t.lower);
  const words = piece.kinds.filter((k) => k !== 'initial').length;
  if (words === 0) return 0;
  if (piece.kinds.includes('known')) return acceptScore + 10;
  const joined = phrase.join(' ');
  if (lex.places.has(joined) || lex.organisations.has(joined)) return 0;

  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', last.end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const around: Surroundings = {
    before: text.slice(lineStart, first.start),
    after: text.slice(last.end, lineEnd),
    line: text.slice(lineStart, lineEnd),
    previousLine: previousLine(text, lineStart),
  };
  const wordAfter = /^\W*?([\p{L}']+)/u.exec(around.after)?.[1]?.toLowerCase() ?? '';
  if (isCompanyWord(wordAfter) || isCompanyWord(phrase.at(-1) ?? '')) return 0;
  if (words > 1 && isStreetWord(phrase.at(-1) ?? '')) return 0; // "Potsdamer Platz", "Kimberly Way"

  if (looksLikeFirmName(around)) return 0;
  if (/^\s*\p{Lu}/u.test(around.after) && streetSuffixes.has(wordAfter)) return 0;

  let score = shapeScore(piece, words);
  // "FYI", "BCAP", "ENRON": one word in capitals is an acronym far more often than a name.
  if (words === 1 && isAllCaps(first) && piece.kinds[0] !== 'given') return 0;
  if (piece.kinds.every((k) => k === 'initial' || k === 'foreign') && isAllCaps(first)) score -= 1.5;
  if (words === 1 && lex.places.has(phrase.find((w) => w.length > 1) ?? '')) score -= 2.5;
  return (
    score +
    scoreBefore(piece, words, around.before) +
    scoreAfter(around.before, around.after, wordAfter, words > 1 || piece.kinds[0] === 'given') +
    scoreLine(piece, words, around)
  );
}

interface Surroundings {
  /** The text on the piece's line before it, and after it. */
  before: string;
  after: string;
  line: string;
  previousLine: string;
}

/** A title, a greeting, an introduction, a verb of saying or a preposition people follow; or a place's preposition. */
function scoreBefore(piece: NamePiece, words: number, before: string): number {
  const match = /([\p{L}']+)(\W*)$/u.exec(before);
  const wordBefore = match?.[1]?.toLowerCase() ?? '';
  const gap = match?.[2] ?? before;
  const tail = before.slice(-40);
  const titleWritten = !/^\p{Lu}{2,}$/u.test(match?.[1] ?? ''); // "MS Word" is no title
  if (titles.has(wordBefore) && titleWritten && /^\.?\s*$/.test(gap)) return 3;
  if (greetings.has(wordBefore) && /^\s*,?\s*$/.test(gap)) return 2.5;
  if (introductions.test(tail)) return 3;
  if (speechBefore.test(tail)) return 2.5;
  if (movementBefore.test(tail) || (locatives.has(wordBefore) && /^\s+$/.test(gap))) {
    return -locativePenalty(piece, wordBefore);
  }
  if (determiners.has(wordBefore) && /^\s+$/.test(gap)) return words > 1 ? -1 : -1.5;
  if (relations.test(tail)) return 1.5;
  if (personPrepositions.has(wordBefore)) return words > 1 || piece.kinds[0] === 'given' ? 1 : 0.5;
  return 0;
}

/** "Amanda's daughter", "Franciska's kid": only people have these. */
const possessedRelation =
  /^['’]s\s+(?:kid|kids|son|sons|daughter|daughters|wife|husband|partner|mother|mom|mum|father|dad|brother|sister|children|family|friend|boss|parents|birthday|wedding|funeral)\b/i;

/** A verb people do, ", who", a possessive, a pronoun further on; a number after reads as a street or a product. */
function scoreAfter(before: string, after: string, wordAfter: string, strong: boolean): number {
  let score = 0;
  if (/^['’]s\b/.test(after)) score += possessedRelation.test(after) ? 2 : 0.5;
  if (/^\s+(is|was|are|were) from\b/i.test(after)) score += 1.5;
  if (/^\s+know\b/i.test(after) && /\blet\s*$/i.test(before)) score += 2.5; // "Let Ludmila know"
  if (/^\s*,\s*who\b/i.test(after)) score += 2;
  else if (strongPersonVerbs.has(wordAfter)) score += strong ? 2 : 1;
  // "Mateus from Nubank": people are from companies and places.
  if (/^\s+from\s+\p{Lu}/u.test(after)) score += 1.5;
  else if (personVerbs.has(wordAfter) && /^\s+\p{Ll}/u.test(after)) score += 0.5;
  if ([...after.slice(0, 80).matchAll(/\p{L}+/gu)].some((m) => personPronouns.has(m[0].toLowerCase())))
    score += 1;
  if (/^\s*\d/.test(after)) score -= 1;
  return score;
}

/** A line of its own (a signature under "Thanks,", a salutation), an email header's line, a vocative opening. */
function scoreLine(piece: NamePiece, words: number, around: Surroundings): number {
  const { before, after } = around;
  const startsLine = /^[\s>]*$/.test(before);
  let score = 0;
  if (startsLine && /^\s*[,;:]?\s*$/.test(after))
    score += words > 1 || piece.kinds[0] === 'given' ? 1.5 : 0.5;
  if (startsLine && closings.test(around.previousLine)) score += 3;
  if (headerLine.test(around.line)) score += 2.5;
  if (startsLine && /^\s*,\s*$/.test(after)) score += 1;
  // "Koppány: Who are you?": a speaker's label in a chat or a transcript.
  if (startsLine && /^\s*:\s*\S/.test(after)) score += 1.5;
  // "Danial, can I…": a message that opens by naming whom it speaks to.
  if (/(?:^|[.!?]\s)[\s>"“]*$/.test(before) && /^\s*,\s+\p{Ll}/u.test(after)) score += 1.5;
  return score;
}

/** A street word that is no one's name ("Platz", "Way"; not "Dale", "Hill"). */
function isStreetWord(lower: string): boolean {
  const { givenNames, surnames } = lexicons();
  return (
    (streetSuffixes.has(lower) || streetWordsAfterName.has(lower)) &&
    !givenNames.has(lower) &&
    !surnames.has(lower)
  );
}

/** A given name after "at" is mostly a person ("shouted at Gary"); after "in" or "to" less so. */
function locativePenalty(piece: NamePiece, wordBefore: string): number {
  if (piece.kinds[0] !== 'given') return 2.5;
  return wordBefore === 'at' ? 0 : 1;
}

const firmWord = "(\\p{Lu}[\\p{L}'’-]+)";
/** "Marshall, Hernandez and Simpson": exactly three capitalised words, not a longer list. */
const firmTriple = new RegExp(
  `(?<!,\\s?)${firmWord},\\s*${firmWord},?\\s+(?:and|&)\\s+${firmWord}(?!\\s*,)`,
  'gu',
);

/**
 * "Thomas and Sons", "Marshall, Hernandez and Simpson": surnames that name a firm. Three names of
 * which two or more are given names are people in a list ("Gaetane, Hannah and Derek").
 */
function looksLikeFirmName(around: Surroundings): boolean {
  if (/^\s*(?:&|and)\s+(?:sons|co|company|partners|associates|brothers)\b/i.test(around.after)) return true;
  const start = around.before.length;
  const end = around.line.length - around.after.length;
  for (const m of around.line.matchAll(firmTriple)) {
    if (m.index > start || m.index + m[0].length < end) continue;
    const given = m.slice(1).filter((w) => lexicons().givenNames.has((w ?? '').toLowerCase())).length;
    return given < 2;
  }
  return false;
}

function shapeScore(piece: NamePiece, words: number): number {
  const [firstKind] = piece.kinds;
  let score = 0;
  if (firstKind === 'given') score += 2.5;
  else if (firstKind === 'ambiguous-given') score += words > 1 ? 1.5 : 0.5;
  else if (firstKind === 'foreign') score += 0.5;
  if (words > 1) {
    score += 1;
    const lastKind = piece.kinds.at(-1);
    if (lastKind === 'surname' || lastKind === 'given') score += 1;
    if (piece.kinds.some((k) => k === 'initial')) score += 1;
    if (piece.kinds.every((k) => k !== 'ambiguous-given')) score += 1;
  } else if (firstKind === 'surname') score += 0.5;
  return score;
}

function previousLine(text: string, lineStart: number): string {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim()) return line.replace(/^[\s>]+/, '');
    end = start - 1;
  }
  return '';
}
