export type TokenKind = 'word' | 'number' | 'punct' | 'break';

/** A word, a number, one punctuation mark, or a line break; spaces and tabs are gaps between tokens. */
export interface Token {
  text: string;
  kind: TokenKind;
  start: number;
  end: number;
  /** Lowercase, for look-ups. */
  lower: string;
  /** A word that starts with a capital letter. */
  capitalised: boolean;
}

/**
 * Clitics are split off ("Amanda's" → "Amanda", "'", "s"; "I'm" → "I", "'", "m") but names with an
 * apostrophe stay whole ("O'Gorman", "D'Aveni"), and so does "n't".
 * Its own tokenizer rather than wink's: wink splits letters outside Latin-1 out of words ("Więckowskiego"
 * → "Wi ę ckowskiego") and gives Greek no word at all, and names and streets are where those letters are.
 */
const tokenPattern =
  /\r?\n|[\p{L}\p{M}]+(?:(?:['’](?!(?:s|m|re|ve|ll|d)(?![\p{L}\p{M}]))|-)[\p{L}\p{M}]+)*|\d+|[^\s\p{L}\p{M}\d]/giu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(tokenPattern)) {
    const value = m[0];
    const first = value.charCodeAt(0);
    const kind: TokenKind =
      first === 10 || first === 13
        ? 'break'
        : first >= 48 && first <= 57
          ? 'number'
          : /^[\p{L}\p{M}]/u.test(value)
            ? 'word'
            : 'punct';
    tokens.push({
      text: value,
      kind,
      start: m.index,
      end: m.index + value.length,
      lower: value.toLowerCase(),
      capitalised: kind === 'word' && /^\p{Lu}/u.test(value),
    });
  }
  return tokens;
}

export const isCapitalised = (token: Token): boolean => token.capitalised;
export const isAllCaps = (token: Token): boolean =>
  token.kind === 'word' &&
  token.text.length > 1 &&
  token.text === token.text.toUpperCase() &&
  /\p{Lu}/u.test(token.text);
/** Only spaces or tabs between two tokens: the same phrase on the same line. */
export const adjacent = (text: string, left: Token, right: Token): boolean =>
  /^[ \t]{0,2}$/.test(text.slice(left.end, right.start));
