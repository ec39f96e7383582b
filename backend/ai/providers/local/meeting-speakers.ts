/// <reference path="./meeting-modules.d.ts" />
import { lexicon } from 'vader-sentiment/src/vader_lexicon.js';
import type { MeetingAnalysis } from '../../../../shared/api/meetings.ts';
import type { TurnView } from './meeting-turns.ts';
import type { LocalNlp } from './nlp.ts';

/** VADER's cut-off between neutral and polar compound scores: neutral sentences do not dilute a tone. */
const polar = 0.05;

/**
 * Talk time per speaker, by the turns' timestamps when every turn has them, else by words; and
 * each speaker's sentiment, the mean VADER score of their non-neutral sentences.
 */
export function speakerFigures(nlp: LocalNlp, views: TurnView[]): MeetingAnalysis['speakers'] {
  const timed = views.every((v) => v.turn.start !== undefined && v.turn.end !== undefined);
  const bySpeaker = new Map<string, { seconds: number; words: number; scores: number[] }>();
  for (const view of views) {
    const entry = bySpeaker.get(view.speaker) ?? { seconds: 0, words: 0, scores: [] };
    if (timed) entry.seconds += Math.max(0, view.turn.end! - view.turn.start!);
    entry.words += view.words;
    for (const sentence of view.sentences) {
      const text = sentence.sentence.text.replace(backChannel, '');
      if (!hasValence(text)) continue;
      const score = nlp.sentenceSentiment(text);
      if (Math.abs(score) >= polar) entry.scores.push(score);
    }
    bySpeaker.set(view.speaker, entry);
  }
  const total = [...bySpeaker.values()].reduce((sum, e) => sum + (timed ? e.seconds : e.words), 0);
  return [...bySpeaker.entries()].slice(0, 200).map(([speaker, e]) => ({
    speaker,
    talkSeconds: timed ? round(e.seconds, 10) : null,
    words: e.words,
    share: total ? round((timed ? e.seconds : e.words) / total, 1000) : 0,
    sentiment: e.scores.length ? round(e.scores.reduce((a, b) => a + b, 0) / e.scores.length, 1000) : 0,
  }));
}

/**
 * Words VADER's lexicon (tuned on social media) hears as warm or cold, which in speech are
 * back-channel and hedges: "yeah", "okay", "like", "well", "sure", "kind of", "no", "yes".
 */
const backChannel = /\b(yeah|yep|yes|no|okay|ok|like|well|sure|kind of|sort of|right|please|want)\b/gi;

/**
 * VADER scores 0 unless a word of its lexicon is in the sentence (negations and boosters only
 * scale those words): most spoken sentences have none, and skipping them keeps a one-hour call's
 * sentiment within its time budget (VADER reads ≈ 65k words a second).
 */
function hasValence(text: string): boolean {
  for (const word of text.toLowerCase().split(/\s+/)) {
    if (Object.hasOwn(lexicon, word)) return true;
    const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (bare && Object.hasOwn(lexicon, bare)) return true;
  }
  return false;
}

function round(value: number, per: number): number {
  return Math.round(value * per) / per;
}
