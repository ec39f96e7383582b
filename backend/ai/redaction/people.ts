import { findHeaderNames } from './header-names.ts';
import { lexicons } from './lexicons.ts';
import { headerLine } from './name-cues.ts';
import type { NamePiece } from './name-pieces.ts';
import { namePieces } from './name-pieces.ts';
import { acceptScore, type NameContext, scoreNamePiece } from './names.ts';
import { phraseList, unionOf } from './phrases.ts';
import type { FindPiiOptions, PiiSpan } from './pii-types.ts';
import { isAllCaps, type Token } from './tokens.ts';

/**
 * People's names outside the spans already taken (addresses, emails…): the org's contacts in any
 * case, pieces that score as names, "Surname, Given" pairs, and then every other mention of a name
 * word found that way ("Sara Schwarz … thanks, Sara").
 */
export function findPeople(
  text: string,
  tokens: readonly Token[],
  options: FindPiiOptions,
  taken: readonly PiiSpan[],
  namesSeen: readonly string[] = [],
): PiiSpan[] {
  const contacts = phraseList(options.knownNames ?? []);
  const seen = phraseList(namesSeen);
  const known = unionOf(contacts.words, seen.words);
  const headers = findHeaderNames(text).filter((s) => !overlapsAny(taken, s.start, s.end));
  const allowed = phraseList(options.allowedTerms ?? []).find(text, tokens);
  const blocked = [...taken, ...headers, ...allowed];
  const free = (piece: NamePiece) =>
    !overlapsAny(blocked, tokens[piece.from]!.start, tokens[piece.to - 1]!.end);

  const context: NameContext = { text, tokens, nameWords: known };
  const pieces = namePieces(text, tokens, known).filter(free);
  const scored = mergeSurnameFirst(text, tokens, pieces, (p) => scoreNamePiece(context, p) >= acceptScore);
  const accepted = [...scored, ...acceptListNeighbours(text, tokens, pieces, new Set(scored))];

  const found = new Set<string>();
  for (const piece of accepted) for (const word of pieceNameWords(tokens, piece)) found.add(word);
  for (const span of headers)
    for (const word of phraseList([text.slice(span.start, span.end)]).words) found.add(word);
  const again = namePieces(text, tokens, unionOf(known, found)).filter(
    (p) => free(p) && p.kinds.includes('known') && p.kinds.every((k) => k === 'known' || k === 'initial'),
  );
  const spans = [...accepted, ...again].map(
    (p): PiiSpan => ({ type: 'person', start: tokens[p.from]!.start, end: tokens[p.to - 1]!.end }),
  );
  // Full names of contacts in any case ("will ortega"), where a part alone would not count.
  const fullNames = [...contacts.find(text, tokens), ...seen.find(text, tokens)].map(
    (r): PiiSpan => ({ type: 'person', ...r }),
  );
  return [...headers, ...[...spans, ...fullNames].filter((s) => !overlapsAny(blocked, s.start, s.end))];
}

/** "Allen , Phillip K." and "Dunton, Heather": a surname, a comma, a given name — one name. */
function mergeSurnameFirst(
  text: string,
  tokens: readonly Token[],
  pieces: readonly NamePiece[],
  accept: (piece: NamePiece) => boolean,
): NamePiece[] {
  const result: NamePiece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const next = pieces[i + 1];
    const comma = tokens[piece.to];
    const pair =
      next &&
      comma?.text === ',' &&
      next.from === piece.to + 1 &&
      !text.slice(tokens[piece.from]!.start, tokens[next.from]!.start).includes('\n') &&
      piece.kinds.filter((k) => k !== 'initial').length === 1 &&
      next.kinds.slice(1).every((k) => k === 'initial' || k === 'given') &&
      (!inList(text, tokens, piece, next) || headerLine.test(lineOf(text, tokens[piece.from]!.start))) &&
      !/^\s*(and|&)\b/.test(text.slice(tokens[next.to - 1]!.end)) &&
      ['given', 'known', 'ambiguous-given'].includes(next.kinds[0] ?? '') &&
      !lexicons().places.has(tokens[piece.from]!.lower);
    if (pair && (accept(piece) || accept(next))) {
      result.push({ from: piece.from, to: next.to, kinds: [...piece.kinds, ...next.kinds] });
      i++;
    } else if (accept(piece)) result.push(piece);
  }
  return result;
}

function lineOf(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end < 0 ? text.length : end);
}

/** "Gaetane, Hannah, Anthony and Derek": a comma before the pair or another name after it makes a list. */
function inList(text: string, tokens: readonly Token[], first: NamePiece, second: NamePiece): boolean {
  const before = text.slice(Math.max(0, tokens[first.from]!.start - 3), tokens[first.from]!.start);
  const after = text.slice(tokens[second.to - 1]!.end, tokens[second.to - 1]!.end + 6);
  return /,\s*$/.test(before) || /^\s*(,|and\b|&|or\b)/.test(after);
}

/**
 * Names side by side in a list are of one kind: a piece joined by ", ", "and" or "or" to a name found
 * is a name too ("Gaetane, Hannah and Anthony"), if its own words could be one.
 */
function acceptListNeighbours(
  text: string,
  tokens: readonly Token[],
  pieces: readonly NamePiece[],
  accepted: ReadonlySet<NamePiece>,
): NamePiece[] {
  const joins = (a: NamePiece, b: NamePiece) =>
    /^[ \t]*(?:,|,?[ \t]*(?:and|&|or))[ \t]*$/.test(text.slice(tokens[a.to - 1]!.end, tokens[b.from]!.start));
  const found = new Set(accepted);
  for (let changed = true; changed; ) {
    changed = false;
    pieces.forEach((piece, i) => {
      if (found.has(piece) || piece.kinds.every((k) => k === 'initial')) return;
      const single = tokens[piece.from]!;
      if (piece.to - piece.from === 1 && isAllCaps(single) && single.text.length > 1) return; // "VP", "CEO"
      const previous = pieces[i - 1];
      const next = pieces[i + 1];
      if (
        (previous && found.has(previous) && joins(previous, piece)) ||
        (next && found.has(next) && joins(piece, next))
      ) {
        found.add(piece);
        changed = true;
      }
    });
  }
  return pieces.filter((p) => found.has(p) && !accepted.has(p));
}

/** Name words worth finding again elsewhere: not initials, not words that are mostly something else. */
function pieceNameWords(tokens: readonly Token[], piece: NamePiece): string[] {
  const words: string[] = [];
  let k = 0;
  for (const token of tokens.slice(piece.from, piece.to)) {
    if (token.kind !== 'word') continue;
    const kind = piece.kinds[k++];
    if (kind !== 'initial' && kind !== 'ambiguous-given' && token.lower.length > 1) words.push(token.lower);
  }
  return words;
}

function overlapsAny(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}
