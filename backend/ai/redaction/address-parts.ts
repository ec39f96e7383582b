import {
  nameParticles,
  nonAddressLabels,
  streetSuffixes,
  streetWordsAfterName,
  unitWords,
} from './address-words.ts';
import { lexicons } from './lexicons.ts';
import type { StreetReader } from './street-lines.ts';
import { isAllCaps, isCapitalised, type Token } from './tokens.ts';

/** Where a part of an address starts: after a comma, at the start of a line, or right after the previous part. */
interface PartPosition {
  afterComma: boolean;
  lineStart: boolean;
  /** Right after a postcode: "00184 Roma", "10115 Berlin". */
  afterPostcode?: boolean;
}

/** How far the address goes past its street line: unit, city, region, postcode and country parts. */
export function continueAddress(reader: StreetReader, start: number): number {
  let end = start;
  let i = start;
  let lines = 0;
  const position: PartPosition = { afterComma: false, lineStart: false };
  while (i < reader.tokens.length && lines <= 6) {
    const token = reader.at(i)!;
    if (token.kind === 'break') {
      const next = nextLineStart(reader, i);
      // One empty line may sit inside an address, before its country line.
      const blankAllowed = next.blankLines === 2 && lineHasPostcode(reader, next.index);
      if ((next.blankLines > 1 && !blankAllowed) || !startsAddressPart(reader, next.index)) break;
      lines++;
      i = next.index;
      Object.assign(position, { afterComma: false, lineStart: true });
      continue;
    }
    if (token.kind === 'punct' && (token.text === ',' || token.text === '-')) {
      i++;
      position.afterComma = token.text === ',';
      continue;
    }
    const partEnd = addressPartEnd(reader, i, position);
    if (partEnd < 0) break;
    end = partEnd;
    Object.assign(position, {
      afterComma: false,
      lineStart: false,
      afterPostcode: isPostcode(reader, i, partEnd),
    });
    i = partEnd;
  }
  return end;
}

function nextLineStart(reader: StreetReader, i: number): { index: number; blankLines: number } {
  let k = i;
  let blankLines = 0;
  while (reader.at(k)?.kind === 'break' || reader.isPunct(k, '>')) {
    if (reader.at(k)?.kind === 'break') blankLines++;
    k++;
  }
  return { index: k, blankLines };
}

function startsAddressPart(reader: StreetReader, i: number): boolean {
  const token = reader.at(i);
  if (!token || nonAddressLabels.has(token.lower)) return false;
  if (token.kind === 'punct') return token.text === ',';
  return addressPartEnd(reader, i, { afterComma: false, lineStart: true }) > 0;
}

/** A line (from `i`) that holds a postcode: "Estonia 62488", "United States 21959". */
function lineHasPostcode(reader: StreetReader, i: number): boolean {
  for (let k = i; k < reader.tokens.length && reader.at(k)!.kind !== 'break'; k++) {
    if (reader.isNumber(k) && postcodeEnd(reader, k) > 0) return true;
  }
  return false;
}

/**
 * One part of an address at `i`: a unit and its number, a postcode, a region code, a parenthesis,
 * or a run of place-name words. Returns its end, or -1 when the text here is no address.
 */
function addressPartEnd(reader: StreetReader, i: number, position: PartPosition): number {
  const token = reader.at(i);
  if (!token) return -1;
  const lettered = letteredPostcodeEnd(reader, i);
  if (lettered > 0) return lettered;
  if (token.kind === 'number') {
    // ", 32" and ", 43": a numeric region code after a comma.
    if (position.afterComma && token.text.length <= 2) return i + 1;
    return postcodeEnd(reader, i);
  }
  if (token.kind === 'punct') {
    if (token.text === '(') return parenthesisEnd(reader, i);
    return token.text === '.' && reader.joined(i - 1) && isAbbreviation(reader.at(i - 1)) ? i + 1 : -1;
  }
  if (token.kind !== 'word') return -1;
  if (unitWords.has(token.lower)) {
    const k = reader.skipPeriod(i + 1);
    const number = reader.isPunct(k, '#') ? k + 1 : k;
    return reader.isNumber(number) ? number + 1 : -1;
  }
  // ", ca 94105", "ASKER nan 1386", a line "NS" above "B0J 2H0": a region code before a postcode.
  if (isRegionCode(token) && (position.afterComma || position.lineStart || !isCapitalised(token))) {
    if (reader.isNumber(i + 1) && reader.joined(i)) return i + 2;
    if (reader.at(i + 1)?.kind === 'break' && postcodeAhead(reader, i + 1)) return i + 1;
  }
  return placeNameEnd(reader, i, position);
}

function postcodeEnd(reader: StreetReader, i: number): number {
  const digits = reader.at(i)!.text.length;
  if (digits < 3 || digits > 6) return -1;
  // "713/837 - 1997", "1.646.486.7616": the start of a phone number, not a postcode.
  const glued = reader.at(i + 1);
  if (glued?.start === reader.at(i)!.end && /^[/.)]$/.test(glued.text) && reader.isNumber(i + 2)) return -1;
  // 3610-114, 53-320, 394 13, 7412 SL
  if (
    reader.isPunct(i + 1, '-') &&
    reader.isNumber(i + 2) &&
    reader.at(i + 1)!.end === reader.at(i + 2)!.start
  ) {
    return i + 3;
  }
  const next = reader.at(i + 1);
  if (next?.kind === 'number' && next.text.length === 2 && reader.joined(i)) return i + 2;
  if (next && reader.joined(i) && /^\p{Lu}{2}$/u.test(next.text)) return i + 2;
  return i + 1;
}

/** UK (NW1 6XE, SW1A 1AA) and Canadian (B0J 2H0) postcodes, which mix letters and digits. */
const letteredPostcode = /^(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?![\p{L}\p{N}])/u;

function letteredPostcodeEnd(reader: StreetReader, i: number): number {
  const start = reader.at(i)!.start;
  const m = letteredPostcode.exec(reader.text.slice(start, start + 9));
  if (!m) return -1;
  let k = i;
  while (reader.at(k) && reader.at(k)!.end <= start + m[0].length) k++;
  return k;
}

function isPostcode(reader: StreetReader, start: number, end: number): boolean {
  return reader.isNumber(start) && (reader.at(start)!.text.length >= 4 || end - start > 1);
}

function parenthesisEnd(reader: StreetReader, i: number): number {
  let k = i + 1;
  while (k - i <= 4 && reader.isNameWord(k)) k++;
  return k > i + 1 && reader.isPunct(k, ')') ? k + 1 : -1;
}

/** "St.", "Blvd.", "Apt.", "u.": a period that abbreviates, not one that ends the sentence. */
function isAbbreviation(token: Token | undefined): boolean {
  if (token?.kind !== 'word') return false;
  const { lower } = token;
  return (
    lower.length === 1 || streetSuffixes.has(lower) || unitWords.has(lower) || streetWordsAfterName.has(lower)
  );
}

/**
 * Place-name words: capitalised (or particles between them, or a region code). A run made only of
 * common English words ("Grand Rapids", "Pines Beach") counts when it names a known place, ends the
 * sentence after a comma, is followed by a postcode, or fills its line above another address line.
 */
function placeNameEnd(reader: StreetReader, i: number, position: PartPosition): number {
  const { englishWords, places } = lexicons();
  let k = i;
  let evidence = false;
  while (k - i < 5) {
    // "SMITH'S GREEN": the possessive stays inside the place's name.
    if (k > i && reader.isPunct(k, "'") && /^s$/i.test(reader.at(k + 1)?.text ?? '') && reader.joined(k))
      k += 2;
    const token = reader.at(k);
    if (token?.kind !== 'word' || (k > i && letteredPostcodeEnd(reader, k) > 0)) break;
    const particle = nameParticles.has(token.lower) && k > i;
    if (!particle && !reader.isNameWord(k)) break;
    if (nonAddressLabels.has(token.lower) && k === i) return -1;
    if (!particle && (!englishWords.has(token.lower) || isAllCaps(token) || places.has(token.lower)))
      evidence = true;
    k++;
    if (!reader.joined(k - 1)) break;
  }
  while (k > i && nameParticles.has(reader.at(k - 1)!.lower)) k--;
  if (k === i || !(isCapitalised(reader.at(i)!) || !/\p{Lu}/u.test(reader.text))) return -1;
  const next = reader.at(k);
  const run = reader.tokens
    .slice(i, k)
    .map((t) => t.lower)
    .join(' ');
  if (evidence || position.afterPostcode || places.has(run) || next?.kind === 'number' || next?.text === ',')
    return k;
  const endsSentence = !next || next.kind === 'break' || next.text === '.';
  if (position.afterComma && endsSentence) return k;
  if (position.lineStart && next?.kind === 'break' && postcodeAhead(reader, k)) return k;
  return -1;
}

/**
 * A postcode on the next line, or on the one after a line holding only a region code ("Mill Village /
 * NS / B0J 2H0"): the lines before it are the address's, even in plain words.
 */
function postcodeAhead(reader: StreetReader, breakAt: number): boolean {
  let line = nextLineStartIndex(reader, breakAt);
  for (let depth = 0; depth < 2 && line >= 0; depth++) {
    if (lineHasPostcode(reader, line)) return true;
    const code = reader.isPunct(line, ',') ? line + 1 : line;
    if (!isRegionCode(reader.at(code)) || reader.at(code + 1)?.kind !== 'break') return false;
    line = nextLineStartIndex(reader, code + 1);
  }
  return false;
}

/** "NS", "CO", "mp": two or three letters standing for a state or region. */
function isRegionCode(token: Token | undefined): boolean {
  return token?.kind === 'word' && token.text.length <= 3;
}

function nextLineStartIndex(reader: StreetReader, breakAt: number): number {
  const next = nextLineStart(reader, breakAt);
  return next.blankLines <= 2 ? next.index : -1;
}
