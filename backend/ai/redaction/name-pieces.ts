import { nameParticles, streetSuffixes, unitWords } from './address-words.ts';
import { lexicons } from './lexicons.ts';
import { greetings, isCompanyWord, notNames, notSurnames, strongIntroductions, titles } from './name-cues.ts';
import type { WordSet } from './phrases.ts';
import { adjacent, isCapitalised, type Token } from './tokens.ts';

/** What a word can be inside a name. */
export type NameWordKind = 'known' | 'given' | 'ambiguous-given' | 'surname' | 'initial' | 'foreign';

/** A run of name-like words on one line: tokens `from` to `to` (exclusive), particles and initials' periods included. */
export interface NamePiece {
  from: number;
  to: number;
  kinds: NameWordKind[];
}

/**
 * What a word is, or null for a word that cannot be part of a name: a common English word that is no
 * given name or surname, a month or weekday, a nationality, a title or greeting (those are cues).
 * `nameWords` are lowercase words of names known to be people here (the org's contacts, names already found).
 */
export function nameWordKind(token: Token, nameWords: WordSet): NameWordKind | null {
  if (token.kind !== 'word') return null;
  if (nameWords.has(token.lower) && (isCapitalised(token) || !lexicons().englishWords.has(token.lower))) {
    return 'known';
  }
  const cached = lexicalKinds.get(token);
  if (cached !== undefined) return cached;
  const kind = lexicalKind(token);
  lexicalKinds.set(token, kind);
  return kind;
}

/** What a word is by the lexicons alone; a token's answer is kept while the token lives. */
const lexicalKinds = new WeakMap<Token, NameWordKind | null>();

function lexicalKind(token: Token): NameWordKind | null {
  const lower = token.lower;
  const lex = lexicons();
  if (/^\p{L}$/u.test(token.text)) return 'initial';
  if (lex.calendarWords.has(lower)) return lex.givenNames.has(lower) ? 'ambiguous-given' : null;
  if (lex.demonyms.has(lower) || titles.has(lower) || greetings.has(lower) || notNames.has(lower))
    return null;
  if (isEnglishCompound(lower)) return null;
  const plain = withoutAccents(lower);
  if (lex.ambiguousGivenNames.has(lower)) return 'ambiguous-given';
  if (lex.givenNames.has(lower) || lex.givenNames.has(plain)) return 'given';
  if (lex.surnames.has(lower) || lex.surnames.has(plain)) return 'surname';
  if (lex.englishWords.has(lower) || lower.length < 2) return null;
  return 'foreign';
}

/** "björn" → "bjorn": the gazetteer writes most names without accents. */
function withoutAccents(word: string): string {
  return /[\u0080-\uffff]/.test(word) ? word.normalize('NFD').replace(/\p{M}/gu, '') : word;
}

/** "Undisclosed-Recipient", "Follow-Up", "ex-Zombie" are English; "Mei-Ling" (short parts) may be a name. */
function isEnglishCompound(lower: string): boolean {
  const parts = lower.split('-');
  return (
    parts.length > 1 && parts.every((p) => lexicons().englishWords.has(p)) && parts.some((p) => p.length > 4)
  );
}

/**
 * Candidate names: runs of capitalised name-like words (with initials and particles such as "van",
 * "de"), and runs that start with a lowercase given name that is no English word ("patricia desrosiers")
 * or a known name in any case.
 */
export function namePieces(text: string, tokens: readonly Token[], nameWords: WordSet): NamePiece[] {
  // A text typed without capitals reads every word as if capitalised.
  const capital = /\p{Lu}/u.test(text) ? isCapitalised : (token: Token) => token.kind === 'word';
  const pieces: NamePiece[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const start = tokens[i]!;
    const kind = startKind(text, tokens, i, nameWords, capital(start));
    if (!kind || afterApostrophe(tokens, i)) continue;
    if (kind !== 'known' && partOfAddress(tokens, i)) continue;
    const lowercase = !capital(start);
    const kinds: NameWordKind[] = [kind];
    let j = skipInitialPeriod(tokens, i, kind);
    while (kinds.length < 5) {
      const next = tokens[j];
      if (!next || !adjacent(text, tokens[j - 1]!, next)) break;
      const particles = particleRun(text, tokens, j, capital);
      if (particles > 0) {
        const after = tokens[j + particles]!;
        const afterKind = nameWordKind(after, nameWords);
        if (!afterKind) break;
        kinds.push(afterKind);
        j = skipInitialPeriod(tokens, j + particles, afterKind);
        continue;
      }
      const nextKind = nameWordKind(next, nameWords) ?? englishSurname(next, kinds, capital(next));
      if (!nextKind || !continues(next, nextKind, lowercase, capital(next))) break;
      kinds.push(nextKind);
      j = skipInitialPeriod(tokens, j, nextKind);
    }
    while (
      kinds.length > 1 &&
      kinds.at(-1) === 'initial' &&
      tokens[j - 1]!.kind === 'word' &&
      !endsItem(text, tokens[j - 1]!)
    ) {
      kinds.pop();
      j--;
    }
    pieces.push({ from: i, to: j, kinds });
    i = j - 1;
  }
  return pieces;
}

/**
 * A capitalised English word right after a given name or an initial is a surname ("Daniela C Capon",
 * "Brad Key"), unless it is a word that never is (a pronoun, a verb of the sentence, a street or company word).
 */
function englishSurname(
  token: Token,
  kinds: readonly NameWordKind[],
  capitalised: boolean,
): NameWordKind | null {
  const previous = kinds.at(-1);
  if (!capitalised || !isCapitalised(token) || (previous !== 'given' && previous !== 'initial')) return null;
  if (kinds.includes('surname') || notSurnames.has(token.lower) || isCompanyWord(token.lower)) return null;
  if (
    streetSuffixes.has(token.lower) ||
    unitWords.has(token.lower) ||
    lexicons().calendarWords.has(token.lower)
  ) {
    return null;
  }
  return 'surname';
}

/** One or two lowercase particles at `j` followed by a capitalised word ("de la Torre", "van der Berg"): their count. */
function particleRun(
  text: string,
  tokens: readonly Token[],
  j: number,
  capital: (t: Token) => boolean,
): number {
  for (let count = 1; count <= 2; count++) {
    const run = tokens.slice(j, j + count);
    const after = tokens[j + count];
    if (run.length < count || !run.every((t) => nameParticles.has(t.lower) && !capital(t))) return 0;
    const joined = [...run, after].every((t, k) => t && (k === 0 || adjacent(text, run[k - 1]!, t)));
    if (after && joined && capital(after)) return count;
  }
  return 0;
}

/** "Johnson, Richard C;": an initial that ends a list item stays. */
function endsItem(text: string, token: Token): boolean {
  return /^\s*(?:[;,<]|$)/.test(text.slice(token.end, token.end + 3)) && /\p{Lu}/u.test(token.text);
}

/** A word glued to "@", "/", "_" or a digit is part of an address, a path or a code ("Accenture@Accenture", "3Cchuck"), not a name. */
function partOfAddress(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  const previous = tokens[i - 1];
  const next = tokens[i + 1];
  const glue = (t: Token | undefined) =>
    t?.kind === 'number' || (t?.kind === 'punct' && /^[@/_+=#]$/.test(t.text));
  return (previous?.end === token.start && glue(previous)) || (next?.start === token.end && glue(next));
}

/** The kind of a word that can start a name here, or null: by the lexicons, or by a title or introduction before it. */
function startKind(
  text: string,
  tokens: readonly Token[],
  i: number,
  nameWords: WordSet,
  capitalised: boolean,
): NameWordKind | null {
  const lexical = nameWordKind(tokens[i]!, nameWords);
  if (lexical && canStart(tokens[i]!, lexical, capitalised)) return lexical;
  const cued = cuedWordKind(text, tokens, i);
  return cued ? (lexical ?? cued) : null;
}

/**
 * Right after a title ("Dr. Wells", "mr. elliott") or an introduction ("my name is vitoria", "I'm Quarto
 * Angelo") a word is a name even when it is also an English word or written in lowercase.
 */
function cuedWordKind(text: string, tokens: readonly Token[], i: number): NameWordKind | null {
  const token = tokens[i]!;
  if (token.kind !== 'word' || notSurnames.has(token.lower) || token.text.length < 2) return null;
  const period = tokens[i - 1]?.text === '.' ? 1 : 0;
  const title = tokens[i - 1 - period];
  const titleWritten = title && !/^\p{Lu}{2,}$/u.test(title.text);
  const nameLike = isCapitalised(token) || !lexicons().englishWords.has(token.lower); // not "Sir bot"
  if (titleWritten && nameLike && titles.has(title.lower) && adjacent(text, tokens[i - 1]!, token))
    return 'surname';
  if (!introductionEnds.has(tokens[i - 1]?.lower ?? '')) return null;
  const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
  const before = text.slice(Math.max(lineStart, token.start - 30), token.start);
  return strongIntroductions.test(before) &&
    (isCapitalised(token) || !lexicons().englishWords.has(token.lower))
    ? 'foreign'
    : null;
}

/** The last token of every strong introduction ("my name is", "name:", "call me", "I'm"): a cheap first test. */
const introductionEnds = new Set(['is', ':', 'me', 'm', 'am', 'im', 'named', 'name']);

/** "m" in "i'm", "s" in "it's": a clitic, never a name's start. */
function afterApostrophe(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return !!previous && previous.end === tokens[i]!.start && (previous.text === "'" || previous.text === '’');
}

function canStart(token: Token, kind: NameWordKind, capitalised: boolean): boolean {
  if (capitalised) return kind !== 'initial' || (token.text !== 'I' && token.text !== 'i');
  return kind === 'known' || kind === 'given';
}

function continues(token: Token, kind: NameWordKind, lowercaseRun: boolean, capitalised: boolean): boolean {
  if (capitalised) return !lowercaseRun || kind !== 'initial';
  if (!lowercaseRun) return false;
  return kind === 'known' || kind === 'foreign' || kind === 'surname' || token.text.length === 1;
}

/** "M." in "Abby M. Laidlaw" keeps its period. Returns the index after the word. */
function skipInitialPeriod(tokens: readonly Token[], i: number, kind: NameWordKind): number {
  const next = tokens[i + 1];
  const glued = next?.kind === 'punct' && next.text === '.' && next.start === tokens[i]!.end;
  return kind === 'initial' && glued ? i + 2 : i + 1;
}
