import type { z } from 'zod';
import { localModelId, localProvider } from '../../backend/ai/providers/local/index.ts';
import {
  type analyseTranscriptInput,
  type MeetingAnalysis,
  meetingAnalysis,
  type TranscriptTurn,
} from '../../shared/api/meetings.ts';

/** What the local provider is handed: the input as the AI layer has parsed it (defaults filled). */
type AnalysisInput = z.output<typeof analyseTranscriptInput>;

/** A transcript analysed by the local provider, as the AI layer asks it (no network). */
export async function analyseLocally(input: AnalysisInput): Promise<MeetingAnalysis> {
  const { object } = await localProvider.generateObject<MeetingAnalysis>({
    model: localModelId,
    system: '',
    blocks: [],
    maxOutputTokens: 4000,
    signal: new AbortController().signal,
    schema: meetingAnalysis,
    schemaName: 'meeting_analysis',
    schemaDescription: '',
    task: { kind: 'meeting.analysis', input },
  });
  return object;
}

/** A call from "Name: text" lines, as a CSM would paste one. */
export function call(...lines: string[]): TranscriptTurn[] {
  return lines.map((line) => {
    const [speaker, ...text] = line.split(': ');
    return { speaker: speaker!, text: text.join(': ') };
  });
}
