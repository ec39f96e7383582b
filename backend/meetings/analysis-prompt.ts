import type { AnalyseTranscriptInput, TranscriptTurn } from '../../shared/api/meetings.ts';
import { systemPrompt } from '../ai/prompt.ts';
import type { PromptBlock } from '../ai/provider.ts';

export const meetingAnalysisSystem = systemPrompt(
  [
    'You analyse the transcript of a call between a customer and their Customer Success Manager.',
    'Answer with the meeting_analysis tool only. Every finding cites `turn`, the index of the transcript turn it came from.',
    'summary: a few sentences on what the call was about and what came of it, plain text.',
    'decisions: what the call settled. actionItems: tasks someone took or was given, owner a speaker or an attendee (null when nobody took it),',
    'due in ISO 8601 with the meeting date’s offset when a date was said ("by Friday" against the meeting date, "before the renewal" is the renewal date), else null.',
    'speakers: per speaker, talkSeconds from the timestamps (null without), words, share of the talk (0..1) and sentiment (-1..1).',
    'openQuestions: questions left unanswered. signals: risk (churn words, budget cuts, escalation), expansion (new teams, seats, use cases),',
    'competitor (only names from the competitor list), each with a word-for-word quote.',
  ].join(' '),
);

/** The call's facts as trusted text, and the transcript in untrusted blocks of turns labelled by index and speaker. */
export function meetingAnalysisBlocks(input: AnalyseTranscriptInput): PromptBlock[] {
  const facts = [
    `Meeting date: ${input.meetingDate}`,
    `Renewal date: ${input.renewalDate ?? 'unknown'}`,
    `Competitors: ${(input.competitors ?? []).join(', ') || 'none listed'}`,
    `Attendees: ${(input.attendees ?? []).join(', ') || 'not given'}`,
  ].join('\n');
  return [{ label: 'Call', text: facts, untrusted: false }, ...chunks(input.transcript)];
}

/** Turns per block: a long call in a few blocks rather than thousands. */
const turnsPerBlock = 200;

function chunks(transcript: TranscriptTurn[]): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  for (let from = 0; from < transcript.length; from += turnsPerBlock) {
    const lines = transcript
      .slice(from, from + turnsPerBlock)
      .map((turn, i) => `[${from + i}] ${timeOf(turn)}${turn.speaker}: ${turn.text}`);
    blocks.push({
      label: `Transcript turns ${from}-${from + lines.length - 1}`,
      text: lines.join('\n'),
      untrusted: true,
    });
  }
  return blocks;
}

function timeOf(turn: TranscriptTurn): string {
  if (turn.start === undefined) return '';
  const end = turn.end === undefined ? '' : `-${turn.end.toFixed(1)}`;
  return `(${turn.start.toFixed(1)}${end}s) `;
}
