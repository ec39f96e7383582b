import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, aiRuns } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import type { AnalyzeThreadInput } from '../../shared/api/threads.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp({ clock: { now: () => new Date('2026-11-23T12:00:00Z') } });

async function acmeTeam() {
  const db = suite.testDb.database.db;
  const org = await anOrg(db, { domains: ['vendor.example'] });
  const csm = await aMember(db, org, { role: 'csm', email: `dana-${org.id.slice(0, 6)}@vendor.example` });
  const viewer = await aMember(db, org, { role: 'viewer' });
  const admin = await aMember(db, org, { role: 'admin' });
  const acme = await aCustomer(db, org, { name: 'Acme', domains: [`acme-${org.id.slice(0, 6)}.example`] });
  const priya = await aContact(db, org, acme.id, {
    name: 'Priya Raman',
    email: `priya@acme-${org.id.slice(0, 6)}.example`,
  });
  return {
    db,
    org,
    acme,
    priya,
    csm: suite.app.client(csm.token),
    csmEmail: csm.email,
    viewer: suite.app.client(viewer.token),
    admin: suite.app.client(admin.token),
  };
}

function aThread(
  team: Awaited<ReturnType<typeof acmeTeam>>,
  overrides: Partial<AnalyzeThreadInput> = {},
): AnalyzeThreadInput {
  return {
    threadId: `thread-${team.org.id.slice(0, 8)}`,
    subject: 'SSO rollout and the renewal',
    customerId: team.acme.id,
    log: true,
    messages: [
      {
        from: { email: team.priya.email, name: 'Priya Raman' },
        sentAt: '2026-11-20T09:00:00+00:00',
        text: 'Hi Dana,\nThe SSO rollout is blocked for our EU team and people are frustrated. Could you send us the SAML setup guide? Also, when does our renewal quote arrive?\nThanks, Priya',
      },
      {
        from: { email: team.csmEmail, name: 'Dana' },
        sentAt: '2026-11-20T15:00:00+00:00',
        text: 'Hi Priya, sorry about that. I will send the SAML guide by Friday and loop in our solutions engineer.',
      },
      {
        from: { email: team.priya.email, name: 'Priya Raman' },
        sentAt: '2026-11-21T08:00:00+00:00',
        text: 'Thanks. Please also confirm whether the audit log export is included in our plan.',
      },
    ],
    ...overrides,
  };
}

async function emailEntries(org: OrgRef) {
  return inOrg(suite.testDb.database.db, org.id, (tx) =>
    tx
      .select()
      .from(activities)
      .where(and(eq(activities.orgId, org.id), eq(activities.source, 'gmail'))),
  );
}

async function runsOf(org: OrgRef) {
  return inOrg(suite.testDb.database.db, org.id, (tx) =>
    tx.select().from(aiRuns).where(eq(aiRuns.orgId, org.id)),
  );
}

describe('threads.analyze with no key configured (the local provider)', () => {
  it('quotes the customer’s asks, dates our commitment, and logs the thread on the customer’s timeline', async () => {
    const team = await acmeTeam();
    const thread = aThread(team);
    const result = await team.csm.threads.analyze.mutate(thread);

    expect(result).toMatchObject({ provider: 'local', fellBackFrom: null, logged: 'recorded' });
    const quotes = result.analysis.asks.map((a) => a.quote);
    expect(quotes.some((q) => q.includes('send us the SAML setup guide'))).toBe(true);
    expect(quotes.some((q) => q.includes('when does our renewal quote arrive'))).toBe(true);
    expect(quotes.some((q) => q.includes('confirm whether the audit log export is included'))).toBe(true);
    for (const ask of result.analysis.asks) {
      expect(thread.messages[ask.messageIndex]?.text).toContain(ask.quote);
      expect(thread.messages[ask.messageIndex]?.from.email).toBe(team.priya.email);
    }
    const promise = result.analysis.commitments.find((c) => c.quote.includes('SAML guide by Friday'));
    expect(promise?.due?.slice(0, 10)).toBe('2026-11-27');
    expect(result.analysis.needsReply).toBe(true);
    expect(result.analysis.summary.split('\n').length).toBeLessThanOrEqual(2);

    const [entry, ...more] = await emailEntries(team.org);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      id: result.activityId,
      customerId: team.acme.id,
      contactId: team.priya.id,
      kind: 'email',
      externalId: thread.threadId,
      subject: 'SSO rollout and the renewal',
      summary: result.analysis.summary,
      occurredAt: new Date('2026-11-21T08:00:00Z'),
    });
    expect(entry?.analysis?.analysis).toEqual(result.analysis);
    // The timeline keeps the analysis and its quotes, never the messages themselves.
    expect(JSON.stringify(entry)).not.toContain('sorry about that');

    const timeline = await team.csm.customers.timeline.query({ customerId: team.acme.id });
    expect(timeline.items.map((i) => i.id)).toContain(result.activityId);

    const runs = await runsOf(team.org);
    expect(runs).toEqual([
      expect.objectContaining({
        feature: 'thread.analysis',
        provider: 'local',
        model: 'cscx-local-1',
        status: 'ok',
        costUsd: 0,
      }),
    ]);
    expect(runs[0]?.inputTokens).toBeGreaterThan(0);
  });

  it('opened again unchanged, answers from the timeline entry without a model call; a new message updates the entry', async () => {
    const team = await acmeTeam();
    const thread = aThread(team);
    const first = await team.csm.threads.analyze.mutate(thread);
    const again = await team.csm.threads.analyze.mutate(thread);
    expect(again).toEqual({ ...first, logged: 'unchanged' });
    expect(await runsOf(team.org)).toHaveLength(1);

    const reply = {
      from: { email: team.csmEmail, name: 'Dana' },
      sentAt: '2026-11-22T10:00:00+00:00',
      text: 'Yes, the audit log export is part of your plan. The SAML guide is attached.',
    };
    const updated = await team.csm.threads.analyze.mutate({
      ...thread,
      messages: [...thread.messages, reply],
    });
    expect(updated).toMatchObject({ logged: 'updated', activityId: first.activityId });
    expect(updated.analysis.needsReply).toBe(false);
    const entries = await emailEntries(team.org);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.occurredAt).toEqual(new Date('2026-11-22T10:00:00Z'));
    expect(await runsOf(team.org)).toHaveLength(2);
  });

  it('logs nothing for a viewer, when the org turned logging off, or for a thread without a customer', async () => {
    const team = await acmeTeam();
    expect(await team.viewer.threads.analyze.mutate(aThread(team))).toMatchObject({
      logged: 'not_logged',
      activityId: null,
    });
    expect(await team.csm.threads.analyze.mutate(aThread(team, { customerId: null }))).toMatchObject({
      logged: 'not_logged',
    });
    await team.admin.ai.updateSettings.mutate({ logGmailThreads: false });
    const off = await team.csm.threads.analyze.mutate(aThread(team));
    expect(off).toMatchObject({ logged: 'off', activityId: null });
    expect(off.analysis.asks.length).toBeGreaterThan(0);
    expect(await emailEntries(team.org)).toEqual([]);
  });

  it('refuses another org’s customer, an empty thread and an oversized one with clear errors', async () => {
    const team = await acmeTeam();
    const other = await acmeTeam();
    expect(
      await errorOf(team.csm.threads.analyze.mutate(aThread(team, { customerId: other.acme.id }))),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(team.csm.threads.analyze.mutate(aThread(team, { messages: [] })))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const huge = { from: { email: null, name: '' }, sentAt: null, text: 'x'.repeat(20_001) };
    expect(await errorOf(team.csm.threads.analyze.mutate(aThread(team, { messages: [huge] })))).toMatchObject(
      {
        code: 'BAD_REQUEST',
      },
    );
    expect(await emailEntries(other.org)).toEqual([]);
  });
});
