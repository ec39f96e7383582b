import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftFeedback } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { DraftEvent, GenerateDraftInput } from '../../shared/api/drafts.ts';
import { aContact, aCustomer, aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../support/fakes/anthropic-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const anthropicKey = 'sk-ant-fake-style-77aa';

let anthropic: FakeAnthropic;
let testDb: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  anthropic = await startFakeAnthropic({ apiKey: anthropicKey });
  testDb = await createTestDatabase();
  app = await startTestApp(testDb.database, {
    clock: { now: () => new Date('2026-11-23T12:00:00Z') },
    env: { CSCX_ANTHROPIC_BASE_URL: anthropic.url, CSCX_AI_PROVIDER: 'local', CSCX_AI_TIMEOUT_MS: '3000' },
  });
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
  await anthropic?.close();
});

async function team() {
  const db = testDb.database.db;
  const org = await anOrg(db);
  const admin = await aMember(db, org, { role: 'admin' });
  const sam = await aMember(db, org, { role: 'csm' });
  const lee = await aMember(db, org, { role: 'csm' });
  const viewer = await aMember(db, org, { role: 'viewer' });
  const acme = await aCustomer(db, org, { name: 'Acme Robotics', renewalDate: '2027-06-30' });
  await aContact(db, org, acme.id, { name: 'Priya Raman', email: 'priya@acme.example' });
  return {
    org,
    acme,
    admin: app.client(admin.token),
    sam: app.client(sam.token),
    samStream: app.client(sam.token, { stream: true }),
    lee: app.client(lee.token),
    leeStream: app.client(lee.token, { stream: true }),
    viewer: app.client(viewer.token),
  };
}
type Team = Awaited<ReturnType<typeof team>>;

const asks = [
  'Can we move our check-in call to next week?',
  'Could you send us the SSO setup guide? And when is our renewal date?',
  'Can you share the onboarding checklist for our new admins?',
  'Would you send the invoice for last quarter?',
  'Could someone look at the export that failed on Monday?',
];

function aReply(t: Team, seed: number, overrides: Partial<GenerateDraftInput> = {}): GenerateDraftInput {
  return {
    customerId: t.acme.id,
    thread: {
      threadId: `thread-${seed}-${crypto.randomUUID()}`,
      subject: 'A few questions',
      messages: [
        {
          from: { email: 'priya@acme.example', name: 'Priya Raman' },
          sentAt: '2026-11-20T09:00:00+00:00',
          text: `Hi! ${asks[seed % asks.length]} Thanks, Priya`,
        },
      ],
    },
    intent: 'reply',
    instruction: null,
    tone: 'warm',
    length: 'medium',
    seed,
    ...overrides,
  };
}

async function draftFor(t: Team, seed: number, by = t.samStream) {
  let text = '';
  let draftId = '';
  for await (const event of (await by.drafts.generate.mutate(aReply(t, seed))) as AsyncIterable<DraftEvent>) {
    if (event.type === 'text') text += event.text;
    else draftId = event.draftId;
  }
  return { text, draftId };
}

const cutSentences = [/Would you have time for a quick call[^?]*\?\s*/g, /I would love to catch up!\s*/g];

/** How Sam sends a draft: "Hey Priya,", no call offer, "Cheers," and his first name. */
function asSamSendsIt(draft: string): string {
  const lines = draft.split('\n');
  const body = lines.slice(1, -2).join('\n');
  const trimmed = cutSentences.reduce((text, pattern) => text.replace(pattern, ''), body);
  return ['Hey Priya,', trimmed.trim(), '', 'Cheers,', 'Test'].join('\n');
}

async function sendDrafts(t: Team, seeds: number[]) {
  const sent = [];
  for (const seed of seeds) {
    const draft = await draftFor(t, seed);
    const sentText = asSamSendsIt(draft.text);
    sent.push({
      draft,
      sentText,
      result: await t.sam.drafts.recordSent.mutate({ draftId: draft.draftId, sentText }),
    });
  }
  return sent;
}

function feedbackOf(org: OrgRef) {
  return inOrg(testDb.database.db, org.id, (tx) =>
    tx.select().from(draftFeedback).where(eq(draftFeedback.orgId, org.id)),
  );
}

describe('drafts.recordSent and the style profile', () => {
  it('records the edit: the distance over the longer text, and the phrases cut and written in', async () => {
    const t = await team();
    const [first] = await sendDrafts(t, [1]);
    const { draft, sentText, result } = first!;
    expect(result.editDistance).toBeGreaterThan(0.05);
    expect(result.editDistance).toBeLessThan(0.6);
    const [row] = await feedbackOf(t.org);
    expect(row).toMatchObject({ draftId: draft.draftId, sentText, editDistance: result.editDistance });
    expect(row?.diff.added).toContain('Hey');
    expect(row?.diff.removed.join(' ')).toMatch(/quick call/);
    // One sent draft is not a habit yet.
    expect(result.profile).toMatchObject({ greeting: null, signOff: null, samples: 1 });
    expect(result.describe.at(-1)).toMatch(/^Learned from 1 sent draft/);
  });

  it('learns the greeting, sign-off, length and the cut phrases after a few drafts, and the next local draft follows them', async () => {
    const t = await team();
    const sent = await sendDrafts(t, [1, 2, 3]);
    const { profile, describe: said } = await t.sam.drafts.styleProfile.query();
    expect(profile).toMatchObject({ greeting: 'Hey', signOff: 'Cheers,', samples: 3 });
    // The length Sam cuts drafts to: within what he sent, under what was drafted.
    const words = (text: string) => text.split(/\s+/).length;
    const sentWords = sent.map((s) => words(s.sentText));
    expect(profile.typicalWords).toBeGreaterThanOrEqual(Math.min(...sentWords));
    expect(profile.typicalWords).toBeLessThanOrEqual(Math.max(...sentWords));
    const draftWords = sent.map((s) => words(s.draft.text)).sort((a, b) => a - b);
    expect(profile.typicalWords).toBeLessThan(draftWords[1]!);
    expect(sent.map((s) => s.draft.text).join('\n')).toMatch(/quick call/);
    expect(profile.removedPhrases.join(' | ')).toMatch(/quick call/i);
    expect(said).toEqual(expect.arrayContaining(['Opens with “Hey”', 'Signs off with “Cheers,”']));

    for (const seed of [7, 8, 9]) {
      const next = await draftFor(t, seed);
      expect(next.text.startsWith('Hey Priya,')).toBe(true);
      expect(next.text).toMatch(/Cheers,\n/);
      for (const phrase of profile.removedPhrases)
        expect(next.text.toLowerCase()).not.toContain(phrase.toLowerCase());
    }
  });

  it('passes the profile to a remote model’s instructions too', async () => {
    const t = await team();
    await sendDrafts(t, [1, 2]);
    await t.admin.ai.updateSettings.mutate({ provider: 'anthropic', apiKeys: { anthropic: anthropicKey } });
    anthropic.enqueue({
      kind: 'tool',
      input: {
        sentiment: { score: 0, label: 'neutral' },
        urgency: 'normal',
        asks: [],
        commitments: [],
        needsReply: true,
        summary: 'Asks for a guide.',
      },
    });
    anthropic.enqueue({ kind: 'text', chunks: ['Hey Priya, here it is.'] });
    const index = anthropic.requests.length + 1;
    await draftFor(t, 5);
    const request = await anthropic.requestAt(index);
    const system = JSON.stringify((request.body as { system?: unknown }).system);
    expect(system).toContain('open with \\"Hey\\"');
    expect(system).toContain('sign off with \\"Cheers,\\"');
    expect(system).toMatch(/never write: .*quick call/i);
  });

  it('changes nothing when the same draft is recorded with the same text again', async () => {
    const t = await team();
    const [first] = await sendDrafts(t, [1, 2]).then((s) => s.slice(1));
    const before = await t.sam.drafts.styleProfile.query();
    const again = await t.sam.drafts.recordSent.mutate({
      draftId: first!.draft.draftId,
      sentText: first!.sentText,
    });
    expect(again.editDistance).toBe(first!.result.editDistance);
    expect(again.profile).toEqual(before.profile);
    expect(again.updatedAt).toBe(before.updatedAt);
    expect(await feedbackOf(t.org)).toHaveLength(2);
  });

  it('keeps one event a draft: a different text for it replaces the earlier one', async () => {
    const t = await team();
    const [first] = await sendDrafts(t, [1]);
    const { draftId } = first!.draft;
    const result = await t.sam.drafts.recordSent.mutate({ draftId, sentText: first!.draft.text });
    expect(result.editDistance).toBe(0);
    expect((await feedbackOf(t.org)).map((r) => [r.draftId, r.editDistance])).toEqual([[draftId, 0]]);
  });

  it('compares only what the CSM wrote: the quoted thread under a reply is left out', async () => {
    const t = await team();
    const draft = await draftFor(t, 1);
    const quoted = `${draft.text}\n\nOn Fri, Nov 20, 2026 at 9:00 AM Priya Raman <priya@acme.example>\nwrote:\n> Hi! Could you send us the SSO setup guide?\n> Thanks, Priya`;
    const result = await t.sam.drafts.recordSent.mutate({ draftId: draft.draftId, sentText: quoted });
    expect(result.editDistance).toBe(0);
  });

  it('refuses another user’s draft and another org’s as not found, and keeps each profile to its user', async () => {
    const t = await team();
    const [first] = await sendDrafts(t, [1, 2]);
    const other = await team();
    const input = { draftId: first!.draft.draftId, sentText: 'Hey Priya, done. Cheers, Lee' };
    expect(await errorOf(t.lee.drafts.recordSent.mutate(input))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(other.sam.drafts.recordSent.mutate(input))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.lee.drafts.styleProfile.query()).profile.samples).toBe(0);
    expect((await other.sam.drafts.styleProfile.query()).profile.samples).toBe(0);
    expect((await t.sam.drafts.styleProfile.query()).profile.greeting).toBe('Hey');
  });

  it('is for CSMs and admins, and refuses empty or oversized text with the reason', async () => {
    const t = await team();
    const draft = await draftFor(t, 1);
    expect(
      await errorOf(t.viewer.drafts.recordSent.mutate({ draftId: draft.draftId, sentText: 'Hi' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const empty = await errorOf(t.sam.drafts.recordSent.mutate({ draftId: draft.draftId, sentText: '  ' }));
    expect(empty).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^sentText/) });
    const huge = await errorOf(
      t.sam.drafts.recordSent.mutate({ draftId: draft.draftId, sentText: 'word '.repeat(5000) }),
    );
    expect(huge).toMatchObject({ code: 'BAD_REQUEST' });
    const onlyQuote = await errorOf(
      t.sam.drafts.recordSent.mutate({ draftId: draft.draftId, sentText: '> Hi!\n> Thanks, Priya' }),
    );
    expect(onlyQuote).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/quoted/) });
  });
});

describe('drafts.resetStyleProfile', () => {
  it('forgets the profile and the sent texts it came from; the next draft is in the tone’s own words again', async () => {
    const t = await team();
    await sendDrafts(t, [1, 2, 3]);
    await t.lee.drafts.recordSent.mutate({
      draftId: (await draftFor(t, 4, t.leeStream)).draftId,
      sentText: 'Hello Priya, here it is. Best, Lee',
    });

    const reset = await t.sam.drafts.resetStyleProfile.mutate();

    expect(reset).toMatchObject({ profile: { greeting: null, samples: 0 }, describe: [], updatedAt: null });
    expect((await t.sam.drafts.styleProfile.query()).profile.samples).toBe(0);
    const left = await feedbackOf(t.org);
    expect(left).toHaveLength(1);
    const next = await draftFor(t, 7);
    expect(next.text.startsWith('Hey')).toBe(false);
  });
});
