import {
  type AnalyseTranscriptInput,
  analyseTranscriptInput,
  type MeetingAnalysis,
  meetingAnalysis,
} from '../../shared/api/meetings.ts';
import type { AiAnswer } from '../ai/run.ts';
import { generateObjectWithAi } from '../ai/run.ts';
import type { StreamingDeps } from '../deps.ts';
import { meetingAnalysisBlocks, meetingAnalysisSystem } from './analysis-prompt.ts';

export type TranscriptAnalysis = AiAnswer & { analysis: MeetingAnalysis };

/**
 * The call record's content from a transcript: summary, decisions, action items, talk time and
 * sentiment per speaker, open questions and signals, through the org's chain of providers (the
 * local one needs no network). It writes nothing: storing the call and feeding health signals is
 * the caller's. A remote answer citing a turn the transcript does not have loses that finding.
 */
export async function analyseTranscript(
  deps: StreamingDeps,
  rawInput: AnalyseTranscriptInput,
  signal: AbortSignal = new AbortController().signal,
): Promise<TranscriptAnalysis> {
  const input = analyseTranscriptInput.parse(rawInput);
  const speakers = [...new Set(input.transcript.map((t) => t.speaker))];
  const answer = await generateObjectWithAi(deps, {
    feature: 'meeting.summary',
    system: meetingAnalysisSystem,
    blocks: meetingAnalysisBlocks(input),
    task: {
      kind: 'meeting.analysis',
      input: {
        transcript: input.transcript,
        meetingDate: input.meetingDate,
        renewalDate: input.renewalDate,
        competitors: input.competitors,
        attendees: input.attendees,
      },
    },
    schema: meetingAnalysis,
    schemaName: 'meeting_analysis',
    schemaDescription: 'The analysis of the call transcript.',
    maxOutputTokens: 4000,
    signal,
    privacy: { knownNames: [...speakers, ...(input.attendees ?? [])], allowedTerms: input.competitors },
  });
  const { object, ...provenance } = answer;
  return { ...provenance, analysis: withinTranscript(object, input.transcript.length) };
}

function withinTranscript(analysis: MeetingAnalysis, turns: number): MeetingAnalysis {
  const cited = <T extends { turn: number }>(items: T[]) => items.filter((item) => item.turn < turns);
  return {
    ...analysis,
    decisions: cited(analysis.decisions),
    actionItems: cited(analysis.actionItems),
    openQuestions: cited(analysis.openQuestions),
    signals: cited(analysis.signals),
  };
}
