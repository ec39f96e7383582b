import { continueAddress } from './address-parts.ts';
import { nameParticles, streetPrefixes, streetWordsAfterName, unitWords } from './address-words.ts';
import type { PiiSpan } from './pii-types.ts';
import { StreetReader } from './street-lines.ts';
import { type Token, tokenize } from './tokens.ts';

/**
 * Street addresses: a street line found by its shape (house number and street word, a street word of
 * another language, a one-word street name with its number, a P.O. box or military address, "the
 * corner of X and Y"), then the lines and comma-separated parts that follow it while they read like
 * an address: unit, city, region code, postcode, country. Prose (a lowercase word, the end of a
 * sentence) stops it.
 */
export function findAddresses(text: string, tokens: readonly Token[] = tokenize(text)): PiiSpan[] {
  const reader = new StreetReader(text, tokens);
  const spans: PiiSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const corner = cornerEnd(reader, i);
    const coreEnd = corner > 0 ? corner : streetLineEnd(reader, i);
    if (coreEnd < 0) continue;
    const first = corner > 0 ? i : numbersBefore(reader, unitBefore(reader, i));
    const end = continueAddress(reader, coreEnd);
    spans.push({ type: 'address', start: tokens[first]!.start, end: tokens[end - 1]!.end });
    i = end - 1;
  }
  return spans;
}

function streetLineEnd(reader: StreetReader, i: number): number {
  const prev = reader.at(i - 1);
  // A number glued to what comes before it ("A4", "3.5") starts no house number.
  if (prev && prev.end === reader.at(i)?.start && (prev.kind === 'word' || prev.kind === 'number')) return -1;
  return Math.max(
    reader.postBox(i),
    reader.militaryPostLine(i),
    reader.numberThenSuffix(i),
    reader.prefixThenName(i),
    reader.compoundThenNumber(i),
    reader.nameThenStreetWord(i),
    reader.numberNameNumber(i),
    reader.cuedNameNumber(i),
    reader.namedStreet(i),
    reader.numberNameUnit(i),
  );
}

/** "Apt. 675 62314 Mellemvej 32": a unit written before the street line belongs to it. */
function unitBefore(reader: StreetReader, i: number): number {
  const number = reader.isNumber(i - 1) ? i - 1 : -1;
  if (number < 0 || !reader.joined(number)) return i;
  const word = reader.isPunct(number - 1, '.') ? number - 2 : number - 1;
  return unitWords.has(reader.at(word)?.lower ?? '') && reader.joined(word) ? word : i;
}

/** "45818 P.O. Box 242", "76556 29 Rue de Tanger": numbers right before the street line (a building, a block). */
function numbersBefore(reader: StreetReader, i: number): number {
  let first = i;
  while (i - first < 2 && reader.isNumber(first - 1) && reader.joined(first - 1)) {
    const before = reader.at(first - 2);
    if (before && before.end === reader.at(first - 1)!.start && before.kind !== 'break') break;
    first--;
  }
  return first;
}

/** A capitalised word, a number, or a street word or particle written in lowercase ("Csabai kapu 39."). */
function isStreetPart(reader: StreetReader, at: number): boolean {
  const token = reader.at(at);
  if (!token || token.lower === 'and') return false;
  if (reader.isNameWord(at) || reader.isNumber(at)) return true;
  const { lower } = token;
  return (
    token.kind === 'word' &&
    (streetWordsAfterName.has(lower) || streetPrefixes.has(lower) || nameParticles.has(lower))
  );
}

/**
 * "the corner of 25 Dili Street and King Forges", "the corner of Kuusiku 7 and Alexander Flat": two
 * streets (capitalised words and numbers) joined by "and", with the words before them.
 */
function cornerEnd(reader: StreetReader, i: number): number {
  const start = reader.at(i)?.lower === 'the' ? i + 1 : i;
  if (reader.at(start)?.lower !== 'corner' || reader.at(start + 1)?.lower !== 'of') return -1;
  const first = streetWords(reader, start + 2);
  if (first < 0 || reader.at(first)?.lower !== 'and') return -1;
  const second = streetWords(reader, first + 1);
  return second < 0 ? -1 : reader.skipPeriod(second);
}

function streetWords(reader: StreetReader, i: number): number {
  let k = i;
  while (k - i < 7 && isStreetPart(reader, k)) {
    k = reader.skipPeriod(k + 1);
    if (!reader.joined(k - 1)) break;
  }
  return k > i ? k : -1;
}
