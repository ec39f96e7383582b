/**
 * Words of a draft or a sent text as phrase learning sees them: compared lower-cased without
 * punctuation, shown as written (with the commas inside a phrase, so that a draft's own check for
 * the phrase finds it), each knowing its sentence.
 */
export interface Token {
  word: string;
  surface: string;
  /** What stands between this word and the next, spaces made one: ", ", " ". */
  gapAfter: string;
  sentence: number;
  startsSentence: boolean;
  endsSentence: boolean;
}

export interface Phrase {
  words: string[];
  surfaces: string[];
  /** `gaps[i]` stands between word i and word i + 1. */
  gaps: string[];
}

/** A word, or initials with their dots ("P.S.", "e.g."), whose dots end no sentence. */
const wordPattern = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  let sentence = 0;
  for (const match of text.matchAll(wordPattern)) {
    const last = tokens.at(-1);
    const between = text.slice(end, match.index);
    if (last) {
      last.gapAfter = between.replace(/\s+/g, ' ');
      if (/[.!?;:\n]/.test(between)) {
        last.endsSentence = true;
        sentence++;
      }
    }
    const surface = match[0].replace(/’/g, "'");
    tokens.push({
      word: surface.toLowerCase(),
      surface,
      gapAfter: '',
      sentence,
      startsSentence: !last || last.endsSentence,
      endsSentence: false,
    });
    end = match.index + match[0].length;
  }
  const last = tokens.at(-1);
  if (last) last.endsSentence = true;
  return tokens;
}

/** Words that make no habit on their own: "I will" for "I'll" is a register, which formality holds. */
const functionWords = new Set(
  (
    'a an the to of and or but if in on at for from with as by about into over than then so ' +
    'i we you he she it they me us him her them my our your his its their this that these those ' +
    'is are was were be been being am do does did have has had will would shall should can could may might must not no ' +
    'there here what who which when where how'
  ).split(' '),
);
const contracted = /^[a-z]+'(?:ll|re|ve|m|d|t|s)$/;
/** A figure or a date in a phrase cut from a draft is that thread's, not a habit. */
const dateWord =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

/**
 * The tokens as a phrase; none when they are function words only, or, unless `figures` are
 * allowed, when they hold a figure or a date.
 */
export function asPhrase(
  tokens: Token[],
  figures: 'figures allowed' | 'no figures' = 'no figures',
): Phrase[] {
  if (tokens.length === 0) return [];
  if (tokens.every((t) => functionWords.has(t.word) || contracted.test(t.word))) return [];
  if (figures === 'no figures' && tokens.some((t) => /\d/.test(t.word) || dateWord.test(t.word))) return [];
  return [
    {
      words: tokens.map((t) => t.word),
      surfaces: tokens.map((t) => t.surface),
      gaps: tokens.slice(0, -1).map((t) => t.gapAfter),
    },
  ];
}

export function phraseOf(text: string): Phrase {
  const tokens = tokensOf(text);
  return {
    words: tokens.map((t) => t.word),
    surfaces: tokens.map((t) => t.surface),
    gaps: tokens.slice(0, -1).map((t) => t.gapAfter),
  };
}

export function surfaceOf(phrase: Phrase): string {
  return phrase.surfaces.map((s, i) => s + (phrase.gaps[i] ?? '')).join('');
}

export function contains(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > words.length) return false;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** "a b c" and "b c d" are "a b c d" (either way round); null when neither ends where the other starts. */
export function joinOverlapping(a: Phrase, b: Phrase): Phrase | null {
  for (const [first, second] of [
    [a, b],
    [b, a],
  ] as const) {
    for (let overlap = Math.min(first.words.length, second.words.length) - 1; overlap >= 1; overlap--) {
      const tail = first.words.slice(-overlap);
      if (tail.every((w, i) => w === second.words[i]))
        return {
          words: [...first.words, ...second.words.slice(overlap)],
          surfaces: [...first.surfaces, ...second.surfaces.slice(overlap)],
          gaps: [...first.gaps, ...second.gaps.slice(overlap - 1)],
        };
    }
  }
  return null;
}
