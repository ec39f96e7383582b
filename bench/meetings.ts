import path from 'node:path';
import { analyseMeeting } from '../backend/ai/providers/local/meeting-analysis.ts';
import { loadLocalNlp } from '../backend/ai/providers/local/nlp.ts';
import { readQmsumFolder } from '../backend/eval/meetings-qmsum.ts';
import type { TranscriptTurn } from '../shared/api/meetings.ts';
import type { AiCallsOptions } from './ai-calls.ts';
import { type BenchRow, summarise } from './stats.ts';

const oneHourWords = 9000;
/** Conversational speech runs at about 150 words a minute: 9,000 words is an hour's call. */
const wordsPerSecond = 2.5;
const warmUps = 5;

/**
 * The local meeting analysis of a one-hour call, models loaded (the budget's "once warm"), beside
 * the floor of wink's tokenising and tagging the same text, which the analysis cannot go below.
 * The call is real speech: the AMI meetings committed for the eval test, repeated to an hour.
 */
export async function measureMeetingAnalysis(
  options: Pick<AiCallsOptions, 'calls'>,
): Promise<{ rows: BenchRow[]; details: { words: number; turns: number } }> {
  const transcript = oneHourCall();
  const nlp = await loadLocalNlp();
  const input = {
    transcript,
    meetingDate: '2026-11-25T10:00:00+01:00',
    competitors: ['Gainsight', 'Zendesk'],
  };
  const text = transcript.map((t) => t.text).join('\n');
  const calls = Math.max(20, Math.min(options.calls, 100));
  const analysis = timed(calls, () => analyseMeeting(nlp, input));
  const tagging = timed(calls, () => nlp.wink.readDoc(text).tokens().out(nlp.wink.its.pos));
  const words = transcript.reduce((sum, t) => sum + t.text.split(/\s+/).length, 0);
  const p95 = summarise(analysis).p95;
  return {
    rows: [
      {
        name: `meeting analysis, local provider, one-hour call (${words.toLocaleString('en')} words, ${transcript.length} turns), warm`,
        summary: summarise(analysis),
        unit: 'ms',
        budget: '≤ 300 ms',
        verdict: p95 <= 300 ? 'within budget' : 'over budget',
      },
      {
        name: 'floor: wink tokens and part of speech of the same text',
        summary: summarise(tagging),
        unit: 'ms',
        verdict: 'floor',
      },
    ],
    details: { words, turns: transcript.length },
  };
}

function timed(calls: number, work: () => unknown): number[] {
  for (let i = 0; i < warmUps; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return samples;
}

function oneHourCall(): TranscriptTurn[] {
  const folder = path.resolve(import.meta.dirname, '../tests/fixtures/eval-data/qmsum');
  const source = readQmsumFolder(folder).flatMap((m) => m.transcript);
  const turns: TranscriptTurn[] = [];
  let words = 0;
  while (words < oneHourWords)
    for (const turn of source) {
      if (words >= oneHourWords) break;
      const start = words / wordsPerSecond;
      words += turn.text.split(/\s+/).length;
      turns.push({ ...turn, start, end: words / wordsPerSecond });
    }
  return turns;
}
