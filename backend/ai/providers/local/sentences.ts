import type { LocalNlp } from './nlp.ts';

export interface Token {
  value: string;
  /** Lower-cased, normalised form (wink's `normal`). */
  normal: string;
  /** Universal part of speech (wink's `pos`). */
  pos: string;
  /** wink's token type: word, number, punctuation, url, email, … */
  type: string;
  stopWord: boolean;
  /** Offset in the text the sentence was cut from. */
  start: number;
}

export interface Sentence {
  /** Exactly `source.slice(start, end)`: a quote of it is a substring of the message. */
  text: string;
  start: number;
  end: number;
  /** Without whitespace tokens. */
  tokens: Token[];
}

/**
 * Sentences of `text[from, to)` with their offsets in `text`. wink keeps "line one\nLine two" in one
 * sentence; in email a line break usually ends one too (greetings, lists, sign-offs), except inside
 * hard-wrapped paragraphs, whose lines are long and continue in lower case.
 */
export function splitSentences(nlp: LocalNlp, text: string, from = 0, to = text.length): Sentence[] {
  const doc = nlp.wink.readDoc(text.slice(from, to));
  const { its } = nlp.wink;
  const all = doc.tokens();
  const values = all.out(its.value) as string[];
  const spaces = all.out(its.precedingSpaces) as string[];
  const normals = all.out(its.normal) as string[];
  const tags = all.out(its.pos) as string[];
  const types = all.out(its.type) as string[];
  const stops = all.out(its.stopWordFlag) as unknown as boolean[];
  const tokens: Token[] = [];
  let cursor = from;
  for (let i = 0; i < values.length; i++) {
    cursor += spaces[i]!.length;
    const value = values[i]!;
    const type = types[i]!;
    tokens.push({ value, normal: normals[i]!, pos: tags[i]!, type, stopWord: stops[i]!, start: cursor });
    cursor += value.length;
  }
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const sentences: Sentence[] = [];
  for (const [first, last] of spans) {
    let run: Token[] = [];
    for (let i = first; i <= last; i++) {
      const token = tokens[i]!;
      if (token.type !== 'tabCRLF') {
        run.push(token);
        continue;
      }
      if (endsSentence(text, token, tokens[i + 1])) {
        pushSentence(sentences, text, run);
        run = [];
      }
    }
    pushSentence(sentences, text, run);
  }
  return sentences;
}

const wrappedLineLength = 55;

function endsSentence(text: string, lineBreak: Token, next: Token | undefined): boolean {
  if (!next || /\n[^\n]*\n/.test(lineBreak.value)) return true;
  const lineStart = text.lastIndexOf('\n', lineBreak.start - 1) + 1;
  const wrapped = lineBreak.start - lineStart >= wrappedLineLength && /^[a-z0-9(]/.test(next.value);
  return !wrapped;
}

function pushSentence(sentences: Sentence[], text: string, run: Token[]): void {
  if (!run.some((t) => t.type === 'word')) return;
  const start = run[0]!.start;
  const lastToken = run[run.length - 1]!;
  const end = lastToken.start + lastToken.value.length;
  sentences.push({ text: text.slice(start, end), start, end, tokens: run });
}

/** A message's own words end where the quoted history or the signature starts. */
export function ownContentEnd(text: string): number {
  let end = text.length;
  for (const marker of historyMarkers) {
    const found = marker.exec(text);
    if (found && found.index < end) end = found.index;
  }
  return end;
}

const historyMarkers = [
  /^On [^\n]{5,200}(\n[^\n]{0,100})?wrote:\s*$/m,
  /^-{2,}\s*(Original|Forwarded) Message\s*-{2,}/im,
  /^From: .+\n(Sent|Date): /m,
  /^_{10,}\s*$/m,
  /^>/m,
  /^-- ?$/m,
  /^Sent from my /m,
];
