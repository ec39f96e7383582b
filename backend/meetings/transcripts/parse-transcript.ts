import type { TranscriptTurn } from '../../../shared/api/meetings.ts';
import { DomainError } from '../../domain-error.ts';
import { readCues, splitSpeaker, turnsFromCues } from './cues.ts';

export type TranscriptFormat = 'vtt' | 'srt' | 'plain';

/** The format a file is in: VTT starts with "WEBVTT", SRT has numbered cues with comma timings. */
export function detectTranscriptFormat(source: string): TranscriptFormat {
  const head = source.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('WEBVTT')) return 'vtt';
  if (/^\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2},\d{1,3}\s*-->/m.test(head)) return 'srt';
  return 'plain';
}

/**
 * A transcript's turns, whatever of the three formats it is in. A file with no speech in it is
 * refused, so an upload of the wrong file says so instead of storing an empty call.
 */
export function parseTranscript(source: string, format = detectTranscriptFormat(source)): TranscriptTurn[] {
  const turns = format === 'plain' ? parsePlainTranscript(source) : turnsFromCues(readCues(source));
  if (turns.length === 0)
    throw new DomainError('BAD_REQUEST', `the ${format} transcript has no speaker turns in it`);
  return turns;
}

/**
 * "Speaker: text" lines. A line without a speaker continues the turn before (a wrapped paragraph);
 * a "[00:01:02] Speaker: text" or "00:01:02 Speaker: text" time in front is kept as the start.
 */
export function parsePlainTranscript(source: string): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const raw of source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const time = /^\[?((?:\d+:)?\d{1,2}:\d{2})\]?\s+/.exec(line);
    const named = splitSpeaker(time ? line.slice(time[0].length) : line);
    const previous = turns[turns.length - 1];
    if (named) turns.push({ speaker: named.speaker, text: named.text, ...startOf(time?.[1]) });
    else if (previous) previous.text = `${previous.text} ${line}`;
  }
  return turns;
}

function startOf(clock: string | undefined): { start?: number } {
  if (!clock) return {};
  const parts = clock.split(':').map(Number);
  return { start: parts.reduce((total, part) => total * 60 + part, 0) };
}
