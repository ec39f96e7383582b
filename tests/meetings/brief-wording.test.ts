import { describe, expect, it } from 'vitest';
import type { LocalTaskInputs } from '../../backend/ai/local-tasks.ts';
import { wordMeetingBrief } from '../../backend/ai/providers/local/meeting-brief.ts';

type Facts = LocalTaskInputs['meeting.brief']['facts'];

const facts: Facts = [
  { ref: 1, section: 'risk', text: 'Health 58 (at risk)' },
  { ref: 2, section: 'risk', text: 'Renewal in 40 days with health at 58' },
  { ref: 3, section: 'risk', text: 'Open urgent ticket: SSO login fails (since 14 Nov 2026)' },
  { ref: 4, section: 'commitment', text: 'We said: “We will send the fix plan by Friday”' },
  { ref: 5, section: 'open_item', text: 'Open task: Send the QBR deck, due 20 Nov 2026 (overdue)' },
];
const brief = (over: Partial<LocalTaskInputs['meeting.brief']> = {}) =>
  wordMeetingBrief({
    customerName: 'Acme',
    title: 'QBR',
    daysToRenewal: 40,
    healthBand: 'at_risk',
    facts,
    ...over,
  });

describe('the local provider’s talking points and agenda for a brief', () => {
  it('puts what happened first, then what we owe, what is open and the renewal, each citing its fact', () => {
    expect(brief().talkingPoints).toEqual([
      {
        text: 'Open urgent ticket: SSO login fails (since 14 Nov 2026) — acknowledge it and agree a next step',
        refs: [3],
      },
      { text: 'We said: “We will send the fix plan by Friday” — close the loop', refs: [4] },
      { text: 'Open task: Send the QBR deck, due 20 Nov 2026 (overdue) — check progress', refs: [5] },
      { text: 'Renewal is 40 days out: agree the decision steps and who signs', refs: [2] },
    ]);
  });

  it('builds a half-hour agenda whose items cite only the facts given', () => {
    const { agenda } = brief();
    expect(agenda.reduce((sum, item) => sum + item.minutes, 0)).toBe(30);
    expect(agenda.map((a) => a.text)).toEqual([
      'Goals for “QBR”',
      'Open items and what we promised',
      'Concerns on their side and ours',
      'Next steps, owners and dates',
    ]);
    const refs = new Set(facts.map((f) => f.ref));
    expect(agenda.flatMap((a) => a.refs).every((r) => refs.has(r))).toBe(true);
  });

  it('raises the score when nothing more concrete is wrong, skips a far renewal, and gives their priorities the time left', () => {
    const { talkingPoints, agenda } = brief({ facts: [facts[0] as Facts[number]], daysToRenewal: 300 });
    expect(talkingPoints).toEqual([
      { text: 'Health 58 (at risk) — ask what would move the score', refs: [1] },
    ]);
    expect(agenda.map((a) => [a.text, a.minutes])).toEqual([
      ['Goals for “QBR”', 5],
      ['Concerns on their side and ours', 10],
      ['Acme’s priorities for the coming quarter', 10],
      ['Next steps, owners and dates', 5],
    ]);
  });
});
