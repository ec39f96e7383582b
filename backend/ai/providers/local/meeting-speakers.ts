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
      const score = nlp.sentenceSentiment(sentence.sentence.text);
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

function round(value: number, per: number): number {
  return Math.round(value * per) / per;
}
