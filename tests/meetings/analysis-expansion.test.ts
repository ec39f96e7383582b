import { describe, expect, it } from 'vitest';
import { analyseLocally, call } from './local-analysis.ts';

/** The expansion signals heard in a call, as [turn, label]. */
async function expansion(...lines: string[]): Promise<[number, string][]> {
  const { signals } = await analyseLocally({
    transcript: call(...lines),
    meetingDate: '2026-11-25T10:00:00+01:00',
    competitors: [],
  });
  return signals.filter((s) => s.kind === 'expansion').map((s) => [s.turn, s.label]);
}

describe('expansion: another part of the customer taking the product up', () => {
  it('hears another team, a new team, an office and a department adopting it', async () => {
    expect(
      await expansion(
        'Sam: Another team wants to use it.',
        'Sam: We have a new team starting on the platform in January.',
        'Robin: We want to roll it out to the EMEA office next quarter.',
        'Sam: The finance department is interested in adopting it too.',
        'Robin: Our Berlin office would like access as well.',
      ),
    ).toEqual([
      [0, 'new team'],
      [1, 'new team'],
      [2, 'new team'],
      [3, 'new team'],
      [4, 'new team'],
    ]);
  });

  it('hears nothing in a new colleague, a reorganisation, the team already using it, or access to a document', async () => {
    expect(
      await expansion(
        'Sam: A new team member joined our side last week, she will be your contact.',
        'Robin: Honestly, the new team structure is confusing.',
        'Sam: My team wants to use it every day now.',
        'Robin: Other teams use a different tool.',
        'Sam: The finance team asked for access to the invoices.',
      ),
    ).toEqual([]);
  });
});

describe('expansion: more seats, licences or users, and a higher plan', () => {
  it('hears seats added in any number, and an upgrade to a higher plan', async () => {
    expect(
      await expansion(
        "Robin: We'd like to add 30 more seats.",
        'Sam: We will need another twenty licences for the support group.',
        'Robin: We are thinking about upgrading to the enterprise plan.',
        'Sam: We plan to move up to the higher tier next year.',
      ),
    ).toEqual([
      [0, 'more seats'],
      [1, 'more seats'],
      [2, 'upgrade'],
      [3, 'upgrade'],
    ]);
  });

  it('hears none where it is denied, and none in a software upgrade or a count of users', async () => {
    expect(
      await expansion(
        "Robin: We won't add seats this year.",
        'Sam: We are not planning to add any more users.',
        "Robin: We don't want another team to use it yet.",
        'Sam: We need to upgrade the firmware on the scanners first.',
        'Robin: Twenty users reported the bug on Monday.',
      ),
    ).toEqual([]);
  });
});

describe('expansion: a new use', () => {
  it('hears a use the customer wants to add, not a description of what it is used for', async () => {
    expect(
      await expansion(
        'Sam: We also want to use it for onboarding new hires.',
        'Robin: Most people use it for the weekly report.',
      ),
    ).toEqual([[0, 'new use case']]);
  });
});
