import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TranscriptTurn } from '../../shared/api/meetings.ts';
import { DomainError } from '../domain-error.ts';

const span = z.tuple([z.coerce.number().int(), z.coerce.number().int()]);
const qmsumMeeting = z.object({
  meeting_transcripts: z.array(z.object({ speaker: z.string(), content: z.string() })).min(1),
  general_query_list: z.array(z.object({ query: z.string(), answer: z.string() })),
  specific_query_list: z.array(
    z.object({ query: z.string(), answer: z.string(), relevant_text_span: z.array(span) }),
  ),
});

export interface QmsumMeeting {
  name: string;
  transcript: TranscriptTurn[];
  /** The human summary of the whole meeting (the general query's answer). */
  summary: string;
  /** The specific queries that ask about decisions or actions, with the turn spans that answer them. */
  outcomeQueries: { query: string; spans: [number, number][] }[];
}

/** Decisions, conclusions, agreement; actions, next steps, tasks and who was assigned them. */
const outcomeQuery =
  /\b(decid\w*|decision\w*|conclu\w*|agree\w*|action\w*|next steps?|tasks?|assign\w*|to-?dos?)\b/i;

/** Every `*.json` of a folder in QMSum's format, in name order. */
export function readQmsumFolder(folder: string): QmsumMeeting[] {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new DomainError('BAD_REQUEST', `eval meetings: no .json files in ${folder}`);
  return files.map((file) => readQmsumFile(path.join(folder, file)));
}

function readQmsumFile(file: string): QmsumMeeting {
  const parsed = qmsumMeeting.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new DomainError(
      'BAD_REQUEST',
      `eval meetings: ${file} is not in QMSum’s format: ${parsed.error.issues[0]?.message}`,
    );
  const meeting = parsed.data;
  // Most ask "Summarize the whole meeting"; some word it otherwise ("What was the general discussion …?").
  const general =
    meeting.general_query_list.find((q) => /summari[sz]e the whole meeting/i.test(q.query)) ??
    meeting.general_query_list[0];
  if (!general) throw new DomainError('BAD_REQUEST', `eval meetings: ${file} has no whole-meeting summary`);
  return {
    name: path.basename(file, '.json'),
    transcript: meeting.meeting_transcripts.map((t) => ({
      speaker: t.speaker.trim() || 'Unknown speaker',
      text: spokenText(t.content),
    })),
    summary: general.answer,
    outcomeQueries: meeting.specific_query_list
      .filter((q) => outcomeQuery.test(q.query))
      .map((q) => ({ query: q.query, spans: q.relevant_text_span })),
  };
}

/**
 * QMSum's transcripts mark sounds and disfluencies ("{vocalsound}", "{disfmarker}") and space
 * tokens apart ("we 're on ."): the text as it would read in a transcript a person pastes.
 */
export function spokenText(content: string): string {
  return content
    .replace(/\{[a-z_]+\}/gi, ' ')
    .replace(/\s+(['’](s|re|ve|ll|d|m|t)\b|n['’]t\b)/gi, '$1')
    .replace(/\s+([,.?!;:%])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
