import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectTranscriptFormat,
  parseTranscript,
} from '../../backend/meetings/transcripts/parse-transcript.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url), 'utf8');

describe('transcript parsing', () => {
  it('reads a Zoom cloud-recording VTT into speaker turns, joining one speaker’s consecutive cues', () => {
    const source = fixture('zoom-renewal-call.vtt');
    expect(detectTranscriptFormat(source)).toBe('vtt');
    const turns = parseTranscript(source);
    expect(turns.map((t) => t.speaker)).toEqual([
      'Dana Whitfield',
      'Marco Ruiz',
      'Dana Whitfield',
      'Marco Ruiz',
      'Priya Natarajan',
      'Marco Ruiz',
      'Priya Natarajan',
    ]);
    expect(turns[0]).toMatchObject({ start: 2.15, end: 12.9 });
    expect(turns[0]!.text).toMatch(/^Thanks everyone .* ticket backlog\.$/);
    expect(turns[1]!.text).toContain('next quarter, and we are evaluating Zendesk');
  });

  it('reads SRT with comma timings and multi-line cues', () => {
    const source = fixture('support-sync.srt');
    expect(detectTranscriptFormat(source)).toBe('srt');
    const turns = parseTranscript(source);
    expect(turns).toHaveLength(3);
    expect(turns[1]).toEqual({
      speaker: 'Bob Stone',
      start: 4.6,
      end: 12,
      text: 'The export bug is still not fixed, and our VP is unhappy. We need it before month end.',
    });
  });

  it('reads pasted "Speaker: text" lines, a wrapped line continuing its turn and a leading time kept', () => {
    const turns = parseTranscript(fixture('pasted-notes.txt'));
    expect(turns).toEqual([
      { speaker: 'Sam Patel', text: 'Quick check-in on the pilot.' },
      {
        speaker: 'Jordan Lee',
        text: 'The pilot went well. Two more teams want access, so we should plan a wider rollout.',
      },
      { speaker: 'Sam Patel', start: 250, text: "Let's agree on the end of the month for the proposal." },
    ]);
  });

  it('reads the speaker from a VTT voice tag', () => {
    const turns = parseTranscript('WEBVTT\n\n00:01.000 --> 00:02.500\n<v Ana Lima>Hello there.</v>\n');
    expect(turns).toEqual([{ speaker: 'Ana Lima', start: 1, end: 2.5, text: 'Hello there.' }]);
  });

  it('refuses a file with no speech in it', () => {
    expect(() => parseTranscript('WEBVTT\n\nNOTE nothing here\n')).toThrow(/no speaker turns/);
  });
});
