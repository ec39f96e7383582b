/// <reference path="./meeting-modules.d.ts" />
import stem from 'wink-eng-lite-web-model/dist/porter-stemmer.js';
import type { TranscriptTurn } from '../../../../shared/api/meetings.ts';
import type { LocalNlp } from './nlp.ts';
import { type Sentence, splitSentences } from './sentences.ts';

/** One sentence of a call, with the stems of its content words (what summaries are scored on). */
export interface TurnSentence {
  turn: number;
  speaker: string;
  sentence: Sentence;
  /** Stems of the nouns, verbs, adjectives and numbers that are not stop words or fillers. */
  stems: string[];
  words: number;
}

export interface TurnView {
  index: number;
  speaker: string;
  turn: TranscriptTurn;
  sentences: TurnSentence[];
  words: number;
}

const contentTags = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);
/** Spoken fillers and back-channel words that wink tags as content ("yeah" as a noun, "okay" as an adjective). */
const fillers = new Set(
  'um uh hmm mm mhm yeah yep yes no okay ok oh ah like gonna wanna kinda sorta right well so just really thing things stuff lot bit guess think know mean sure cool alright'.split(
    ' ',
  ),
);

export function viewTurns(nlp: LocalNlp, transcript: TranscriptTurn[]): TurnView[] {
  return transcript.map((turn, index) => {
    const sentences = splitSentences(nlp, turn.text).map((sentence) => ({
      turn: index,
      speaker: turn.speaker,
      sentence,
      stems: contentStems(sentence),
      words: sentence.tokens.filter((t) => t.type === 'word' || t.type === 'number').length,
    }));
    return {
      index,
      speaker: turn.speaker,
      turn,
      sentences,
      words: sentences.reduce((sum, s) => sum + s.words, 0),
    };
  });
}

function contentStems(sentence: Sentence): string[] {
  const stems: string[] = [];
  for (const token of sentence.tokens) {
    if (!contentTags.has(token.pos) || token.stopWord || token.normal.length < 2) continue;
    if (fillers.has(token.normal)) continue;
    stems.push(stem(token.normal));
  }
  return stems;
}
