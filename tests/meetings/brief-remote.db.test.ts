import { describe, expect, it } from 'vitest';
import { aYearOfCustomer } from '../../bench/briefs-account.ts';
import { suiteWithAiFakes } from '../support/ai-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';

const anthropicKey = 'sk-ant-fake-brief-test-8d2c';
const now = new Date('2026-11-23T12:00:00Z');
const suite = suiteWithAiFakes({
  keys: { anthropic: anthropicKey, gemini: 'AIza-fake-brief-test-1b3e' },
  clock: { now: () => now },
});

/** The fact the request numbered `ref`, as the model was shown it: "[1] (risk) Health 41 (at risk)". */
function factText(sent: string, ref: number): string {
  const match = new RegExp(`\\[${ref}\\] \\([a-z_]+\\) ([^\\n\\\\]+)`).exec(sent);
  if (!match?.[1]) throw new Error(`fact ${ref} was not sent`);
  return match[1];
}

describe('a brief worded by a remote model', () => {
  it('sends the facts numbered in a data block, and keeps only talking points that cite facts the brief holds', async () => {
    const db = suite.testDb.database.db;
    const org = await anOrg(db, { domains: ['team.example'] });
    const admin = await aMember(db, org, { role: 'admin' });
    const account = await aYearOfCustomer(db, org.id, now, {
      name: 'Remote Co',
      domain: 'remote-co.example',
    });
    const api = suite.app.client(admin.token);
    await api.ai.updateSettings.mutate({ provider: 'anthropic', apiKeys: { anthropic: anthropicKey } });
    const from = suite.anthropic.requests.length;
    suite.anthropic.enqueue({
      kind: 'tool',
      input: {
        talkingPoints: [
          { text: 'Open with the SSO outage and the fix date', refs: [1] },
          { text: 'Mention a discount', refs: [] },
          { text: 'Ask about an invented incident', refs: [99] },
        ],
        agenda: [
          { text: 'Welcome', minutes: 5, refs: [] },
          { text: 'The SSO fix plan', minutes: 15, refs: [1, 99] },
        ],
      },
    });

    const output = await api.meetings.brief.query({
      eventId: 'remote-qbr',
      title: 'Remote Co QBR',
      start: '2026-11-24T15:00:00Z',
      attendees: [{ email: account.champion.email, name: 'Dana Whit' }],
    });

    if (output.kind !== 'brief') throw new Error(`expected a brief, got ${output.kind}`);
    expect(output).toMatchObject({ provider: 'anthropic', stale: false });
    const sent = JSON.stringify((await suite.anthropic.requestAt(from)).body);
    expect(sent).toContain('untrusted_data');
    expect(sent).toContain('brief_wording');
    const first = output.brief.risks.find((r) => r.text === factText(sent, 1));
    expect(first, 'fact 1 is the brief’s first risk').toBeDefined();
    expect(output.brief.talkingPoints).toEqual([
      { text: 'Open with the SSO outage and the fix date', sources: first?.sources },
    ]);
    expect(output.brief.agenda).toEqual([
      { text: 'Welcome', minutes: 5, sources: [] },
      { text: 'The SSO fix plan', minutes: 15, sources: first?.sources },
    ]);
    // The champion's name and address do not leave for the remote model.
    expect(sent).not.toContain(account.champion.email);
    expect(sent).not.toContain('Dana Whit');
  });
});
