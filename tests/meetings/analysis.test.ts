import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../backend/meetings/transcripts/parse-transcript.ts';
import type { MeetingAnalysis, TranscriptTurn } from '../../shared/api/meetings.ts';
import { analyseLocally } from './local-analysis.ts';

const renewalCall = parseTranscript(
  readFileSync(new URL('../fixtures/transcripts/zoom-renewal-call.vtt', import.meta.url), 'utf8'),
);
/** A Wednesday: "by Friday" is two days later. */
const meetingDate = '2026-11-25T10:00:00+01:00';
const renewalDate = '2027-01-31T00:00:00+00:00';

function analyse(
  transcript: TranscriptTurn[],
  extra: { attendees?: string[] } = {},
): Promise<MeetingAnalysis> {
  return analyseLocally({
    transcript,
    meetingDate,
    renewalDate,
    competitors: ['Gainsight', 'Zendesk'],
    ...extra,
  });
}

describe('the local meeting analysis', () => {
  it('finds the decision, each action item with its owner and due date, citing its turn', async () => {
    // "Sure, I'll share it." takes on the request before it: one item, not two.
    const analysis = await analyse(renewalCall);
    expect(analysis.decisions).toEqual([
      { text: 'We decided to keep the current plan for the EMEA team.', turn: 3 },
    ]);
    expect(analysis.actionItems).toEqual([
      {
        text: 'I will send you the backlog report by Friday so we can review it together.',
        owner: 'Dana Whitfield',
        due: '2026-11-27T17:00:00+01:00',
        turn: 2,
      },
      {
        text: 'Marco, can you share the list of admins before the renewal?',
        owner: 'Marco Ruiz',
        due: renewalDate,
        turn: 4,
      },
    ]);
  });

  it('gives talk time from the timestamps, shares that sum to the whole call, and a tone per speaker', async () => {
    const { speakers } = await analyse(renewalCall);
    const seconds = renewalCall.reduce((sum, t) => sum + (t.end! - t.start!), 0);
    expect(speakers.map((s) => s.speaker)).toEqual(['Dana Whitfield', 'Marco Ruiz', 'Priya Natarajan']);
    expect(speakers.reduce((sum, s) => sum + s.talkSeconds!, 0)).toBeCloseTo(seconds, 0);
    expect(speakers.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 2);
    expect(speakers.find((s) => s.speaker === 'Marco Ruiz')!.talkSeconds).toBeCloseTo(8.29 + 9.5 + 3.8, 0);
  });

  it('counts words for talk time when the transcript has no timestamps', async () => {
    const { speakers } = await analyse([
      { speaker: 'Sam', text: 'One two three four five six.' },
      { speaker: 'Jo', text: 'Seven eight.' },
    ]);
    expect(speakers).toMatchObject([
      { speaker: 'Sam', talkSeconds: null, words: 6, share: 0.75 },
      { speaker: 'Jo', talkSeconds: null, words: 2, share: 0.25 },
    ]);
  });

  it('hears the competitor on the list, the risks and the expansion, and the question left open', async () => {
    const analysis = await analyse(renewalCall);
    const signals = analysis.signals.map(({ kind, label, turn }) => ({ kind, label, turn }));
    expect(signals).toEqual(
      expect.arrayContaining([
        { kind: 'competitor', label: 'Zendesk', turn: 1 },
        { kind: 'risk', label: 'budget cut', turn: 1 },
        { kind: 'risk', label: 'escalation', turn: 1 },
        { kind: 'expansion', label: 'more seats', turn: 3 },
      ]),
    );
    expect(signals.some((s) => s.label === 'Gainsight')).toBe(false);
    expect(analysis.openQuestions).toEqual([
      { text: 'Who owns the single sign-on migration on your side?', turn: 6 },
    ]);
  });

  it('gives an action to an attendee who is named but never speaks', async () => {
    const { actionItems } = await analyse(
      [
        {
          speaker: 'Dana Whitfield',
          text: 'Lena will send the security questionnaire by the end of the month.',
        },
        { speaker: 'Marco Ruiz', text: 'Great, thanks.' },
      ],
      { attendees: ['Lena Ortiz'] },
    );
    expect(actionItems).toMatchObject([{ owner: 'Lena Ortiz', due: '2026-11-30T17:00:00+01:00' }]);
  });

  it('summarises with sentences said in the call, in the order they were said', async () => {
    const { summary } = await analyse(renewalCall);
    const said = renewalCall.map((t) => t.text).join(' ');
    expect(summary.length).toBeGreaterThan(0);
    for (const sentence of summary.split(/(?<=[.?!])\s+/)) expect(said).toContain(sentence);
  });
});
