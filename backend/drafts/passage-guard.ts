import type { FlaggedPassage } from '../../shared/api/drafts.ts';
import type { InstructionSpan } from './instruction-spans.ts';
import { forbiddenMove } from './passage-patterns.ts';

/**
 * Holds a streamed draft back a sentence at a time and flags each sentence that repeats an
 * instruction found in the untrusted mail (`instruction-spans.ts`) or does what a draft must not
 * (`passage-patterns.ts`). Found by our code, never by asking a model: the model may be the one
 * that obeyed. A flagged sentence still reaches the text, as a piece of its own that says why, so
 * that the sidebar can show it marked and Gmail's compose can stop before it.
 */
export interface DraftPiece {
  text: string;
  flag?: { reason: string };
}

/** The most text held back waiting for a sentence's end: the stream keeps moving whatever the model writes. */
const maxHeld = 160;
/** Where a sentence ends: its closing mark (and quotes) before a space, or a line's end. */
const sentenceEnd = /[.!?…]+["”')\]]*(?=\s)|\n/g;

export function createPassageGuard(
  spans: InstructionSpan[],
  instruction: string | null,
  trusted: Set<string>,
) {
  const flagged: FlaggedPassage[] = [];
  const sources = spans.map((span) => ({ ...span, words: wordsOf(span.text) }));
  let pending = '';
  /** A sentence that runs on without an end goes out by its words, each stretch checked alone. */
  const heldPart = () => {
    const cut = Math.max(pending.lastIndexOf(' '), 1);
    const part = pending.slice(0, cut);
    pending = pending.slice(cut);
    return part;
  };

  const vet = (sentence: string): DraftPiece => {
    const reason = sentence.trim() ? reasonToFlag(sentence, sources, instruction, trusted) : null;
    if (!reason) return { text: sentence };
    flagged.push({ text: sentence.trim(), reason });
    return { text: sentence, flag: { reason } };
  };
  /** Whole sentences joined into one piece between flags, so the stream's chunks stay few. */
  const piecesOf = (sentences: string[]): DraftPiece[] => {
    const pieces: DraftPiece[] = [];
    for (const piece of sentences.map(vet)) {
      const last = pieces.at(-1);
      if (last && !last.flag && !piece.flag) last.text += piece.text;
      else pieces.push(piece);
    }
    return pieces.filter((p) => p.text);
  };

  return {
    /** The whole sentences the text so far completes; the one still being written waits. */
    push(text: string): DraftPiece[] {
      pending += text;
      const ends = [...pending.matchAll(sentenceEnd)].map((m) => m.index + m[0].length);
      if (ends.length === 0) return pending.length > maxHeld ? piecesOf([heldPart()]) : [];
      const sentences = ends.map((end, i) => pending.slice(i === 0 ? 0 : ends[i - 1], end));
      pending = pending.slice(ends.at(-1));
      return piecesOf(sentences);
    },
    flush(): DraftPiece[] {
      const rest = pending;
      pending = '';
      return piecesOf([rest]);
    },
    flagged: () => flagged,
  };
}

interface Source extends InstructionSpan {
  words: string[];
}

const stopWords = new Set(
  (
    'a an the to of and or but if in on at for from with as by about into is are was were be been am do does did ' +
    'have has had will would can could should may might must i we you he she it they me us him her them my our your ' +
    'his its their this that these those there here what who which when where how not no so than then just also'
  ).split(' '),
);
/** A run of this many words in a row of an instruction is a repeat of it. */
const runWords = 4;

function reasonToFlag(
  sentence: string,
  sources: Source[],
  instruction: string | null,
  trusted: Set<string>,
): string | null {
  const words = wordsOf(sentence);
  for (const source of sources)
    if (repeats(words, source)) return `repeats an instruction in the email: “${clipped(source.text)}”`;
  return forbiddenMove(sentence, instruction, trusted);
}

/**
 * A run of four words of the instruction (the whole of a shorter one), three of its content words
 * or most of the sentence's, or, for an order to the model, a figure of it.
 */
function repeats(words: string[], source: Source): boolean {
  if (source.words.length >= 3 && hasRun(words, source.words, Math.min(runWords, source.words.length)))
    return true;
  const content = new Set(words.filter(isContent));
  const shared = [...new Set(source.words.filter(isContent))].filter((w) => content.has(w));
  if (shared.length >= 3 || (shared.length >= 2 && shared.length >= 0.5 * content.size)) return true;
  return source.toTheModel && shared.some((w) => /^\d{2,}$/.test(w));
}

function hasRun(words: string[], source: string[], length: number): boolean {
  const runs = new Set<string>();
  for (let i = 0; i + length <= source.length; i++) {
    const run = source.slice(i, i + length);
    if (run.some(isContent)) runs.add(run.join(' '));
  }
  for (let i = 0; i + length <= words.length; i++)
    if (runs.has(words.slice(i, i + length).join(' '))) return true;
  return false;
}

function isContent(word: string): boolean {
  return !stopWords.has(word) && (word.length > 2 || /\d/.test(word));
}

function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[‘’`]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []
  ).map((w) => w.replace(/'s$/, ''));
}

function clipped(text: string): string {
  return text.length > 90 ? `${text.slice(0, 87).trimEnd()}…` : text;
}
