import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { healthJobHandlers } from '../../backend/health/jobs.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import { someSignals, weeklyUsage } from '../health/signal-builders.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp();
const db = () => suite.testDb.database.db;
const fixture = (name: string) =>
  readFile(new URL(`../fixtures/transcripts/${name}`, import.meta.url), 'utf8');

/** A customer whose Zoom renewal call is on its timeline (recorded from Calendar), and its people. */
async function renewalCallSetUp() {
  const org = await anOrg(db());
  const csm = await aMember(db(), org, { role: 'csm' });
  const customer = await aCustomer(db(), org, { name: 'Globex', renewalDate: '2027-03-31' });
  const marco = await aContact(db(), org, customer.id, { name: 'Marco Ruiz', email: 'marco@globex.example' });
  const meeting = await anActivity(db(), org, customer.id, {
    kind: 'meeting',
    subject: 'Globex renewal call',
    occurredAt: new Date('2026-11-24T15:00:00Z'),
    conferenceId: '84400012345',
    source: 'google_calendar',
    externalId: 'globex-renewal-event',
  });
  return { org, csm, customer, marco, meeting, client: suite.app.client(csm.token) };
}

describe('meetings.importTranscript', () => {
  it('stores a pasted Zoom VTT as the call of the meeting with that Zoom number: summary, decisions, owned and dated action items', async () => {
    const { client, customer, meeting, marco } = await renewalCallSetUp();
    const text = await fixture('zoom-renewal-call.vtt');

    const stored = await client.meetings.importTranscript.mutate({
      text,
      customerId: customer.id,
      conferenceId: '844 0001 2345',
    });

    expect(stored.outcome).toBe('created');
    expect(stored.record).toMatchObject({
      activityId: meeting.id,
      title: 'Globex renewal call',
      source: 'paste',
    });
    expect(stored.record.analysis.summary).not.toBe('');
    expect(stored.record.analysis.decisions.map((d) => d.text).join(' ')).toMatch(/keep the current plan/i);
    expect(stored.record.analysis.actionItems).toContainEqual(
      expect.objectContaining({ owner: 'Dana Whitfield', due: expect.stringMatching(/^2026-11-27/) }),
    );
    expect(stored.record.speakers).toContainEqual(
      expect.objectContaining({
        speaker: 'Marco Ruiz',
        contactId: marco.id,
        email: 'marco@globex.example',
        how: 'contact',
      }),
    );
    const timeline = await client.customers.timeline.query({ customerId: customer.id });
    expect(timeline.items.find((a) => a.id === meeting.id)?.summary).toBe(stored.record.analysis.summary);
  });

  it('dates "by Friday" by the clock of the member storing the call, not by UTC', async () => {
    // Thursday 16:30 in Los Angeles is already Friday 00:30 in UTC.
    const thursdayAfternoonInLa = new Date('2026-11-27T00:30:00Z');
    const dueOfPromise = async (timeZone: string) => {
      const org = await anOrg(db());
      const csm = await aMember(db(), org, { role: 'csm', timeZone });
      const customer = await aCustomer(db(), org, { name: 'Initrode' });
      await anActivity(db(), org, customer.id, {
        kind: 'meeting',
        subject: 'Initrode rollout',
        occurredAt: thursdayAfternoonInLa,
        conferenceId: '84400077001',
        source: 'google_calendar',
        externalId: `initrode-${timeZone}`,
      });
      const { record } = await suite.app.client(csm.token).meetings.importTranscript.mutate({
        text: 'Dana Whitfield: I will send you the rollout plan by Friday.\nMarco Ruiz: Great, that works for us.',
        customerId: customer.id,
        conferenceId: '84400077001',
      });
      expect(record.title).toBe('Initrode rollout');
      return record.analysis.actionItems.map((item) => item.due);
    };
    expect(await dueOfPromise('America/Los_Angeles')).toEqual([
      expect.stringMatching(/^2026-11-27T.*-08:00$/),
    ]);
    // Said on a Friday (UTC's day), "by Friday" is the next one.
    expect(await dueOfPromise('UTC')).toEqual([expect.stringMatching(/^2026-12-04/)]);
  });

  it('writes the call’s risk, expansion and competitor signals once: the same transcript again changes nothing', async () => {
    const { client, customer } = await renewalCallSetUp();
    const text = await fixture('zoom-renewal-call.vtt');
    const first = await client.meetings.importTranscript.mutate({
      text,
      customerId: customer.id,
      conferenceId: '84400012345',
    });
    expect(first.signals.accepted).toBeGreaterThanOrEqual(2);

    const again = await client.meetings.importTranscript.mutate({
      text,
      customerId: customer.id,
      conferenceId: '84400012345',
    });

    expect(again.outcome).toBe('unchanged');
    expect(again.record.id).toBe(first.record.id);
    const signals = await client.signals.list.query({ customerId: customer.id });
    expect(signals.map((s) => s.kind).sort()).toEqual(
      expect.arrayContaining(['call.risk', 'call.expansion']),
    );
    expect(signals.filter((s) => s.kind.startsWith('call.'))).toHaveLength(first.signals.accepted);
  });

  it('moves the customer’s health: the risk heard on the call lowers the score', async () => {
    const { org, client, customer } = await renewalCallSetUp();
    await someSignals(
      db(),
      org,
      customer.id,
      weeklyUsage(new Date(), { users: [40, 40], logins: [400, 400], seats: 50 }),
    );
    const worker = jobWorkerFor(suite.testDb.database, suite.app.deps, {
      handlers: healthJobHandlers,
      schedules: [],
    });
    const drain = async () => {
      for (let i = 0; i < 20 && (await worker.runOnce()).kind !== 'idle'; i++);
    };
    await suite.app.client((await aMember(db(), org, { role: 'admin' })).token).health.recompute.mutate();
    await drain();
    const before = await client.health.forCustomer.query({ customerId: customer.id });

    await client.meetings.importTranscript.mutate({
      text: await fixture('zoom-renewal-call.vtt'),
      customerId: customer.id,
      conferenceId: '84400012345',
    });
    await drain();

    const after = await client.health.forCustomer.query({ customerId: customer.id });
    expect(before?.score).toBeDefined();
    expect(after?.score).toBeLessThan(before?.score ?? 0);
  });

  it('a new transcript for the meeting replaces the analysis and keeps the CSM’s edits', async () => {
    const { client, customer } = await renewalCallSetUp();
    const first = await client.meetings.importTranscript.mutate({
      text: await fixture('zoom-renewal-call.vtt'),
      customerId: customer.id,
      conferenceId: '84400012345',
    });
    await client.meetings.editCallRecord.mutate({
      id: first.record.id,
      summary: 'Renewal at risk; EMEA stays on plan.',
    });

    const replaced = await client.meetings.importTranscript.mutate({
      text: await fixture('pasted-notes.txt'),
      activityId: first.record.activityId,
      source: 'upload',
    });

    expect(replaced.outcome).toBe('replaced');
    expect(replaced.record.id).toBe(first.record.id);
    expect(replaced.record.analysis.summary).toBe('Renewal at risk; EMEA stays on plan.');
    expect(replaced.record.edited.summary).toBe(true);
    expect(replaced.record.turns).not.toEqual(first.record.turns);
  });

  it('remembers a speaker fixed by hand for the org’s later calls', async () => {
    const { org, client, customer } = await renewalCallSetUp();
    const priya = await aContact(db(), org, customer.id, { name: 'Priya N.', email: 'priya@globex.example' });
    const first = await client.meetings.importTranscript.mutate({
      text: await fixture('zoom-renewal-call.vtt'),
      customerId: customer.id,
      conferenceId: '84400012345',
    });
    expect(first.record.speakers.find((s) => s.speaker === 'Priya Natarajan')?.contactId).toBeNull();

    const fixed = await client.meetings.mapSpeaker.mutate({
      id: first.record.id,
      speaker: 'Priya Natarajan',
      contactId: priya.id,
    });
    expect(fixed.speakers.find((s) => s.speaker === 'Priya Natarajan')).toMatchObject({
      contactId: priya.id,
      how: 'manual',
    });

    const later = await client.meetings.importTranscript.mutate({
      text: 'Priya Natarajan: Following up on the admin list.\nMarco Ruiz: Sent it this morning.',
      customerId: customer.id,
      title: 'Admin list check-in',
    });
    expect(later.record.speakers.find((s) => s.speaker === 'Priya Natarajan')).toMatchObject({
      contactId: priya.id,
      email: 'priya@globex.example',
      how: 'remembered',
    });
  });

  it('proposes the follow-up to the customer’s people on the call and a task per action item, all waiting for approval', async () => {
    const { client, customer } = await renewalCallSetUp();
    const { record } = await client.meetings.importTranscript.mutate({
      text: await fixture('zoom-renewal-call.vtt'),
      customerId: customer.id,
      conferenceId: '84400012345',
    });

    const followUp = await client.meetings.proposeFollowUp.mutate({ id: record.id });
    const tasks = await client.meetings.proposeCallTasks.mutate({ id: record.id });
    const again = await client.meetings.proposeFollowUp.mutate({ id: record.id });

    expect(again.actionIds).toEqual(followUp.actionIds);
    expect(tasks.actionIds).toHaveLength(record.analysis.actionItems.length);
    const actions = await client.actions.list.query({});
    const email = actions.find((a) => a.id === followUp.actionIds[0]);
    expect(email).toMatchObject({
      kind: 'email.send',
      status: 'proposed',
      untrusted: true,
      customerId: customer.id,
    });
    expect(email?.payload).toMatchObject({
      to: ['marco@globex.example'],
      subject: 'Follow-up: Globex renewal call',
    });
    const body = String(email?.payload.body);
    for (const decision of record.analysis.decisions) expect(body).toContain(decision.text);
    for (const item of record.analysis.actionItems) expect(body).toContain(item.text);
    const task = actions.find((a) => a.id === tasks.actionIds[0]);
    expect(task).toMatchObject({ kind: 'task.create', status: 'proposed' });
  });

  it('refuses bad input with BAD_REQUEST: no speaker turns, an oversized paste, neither meeting nor customer', async () => {
    const { client, customer } = await renewalCallSetUp();
    expect(
      await errorOf(
        client.meetings.importTranscript.mutate({ text: 'just some words', customerId: customer.id }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/no speaker turns/) });
    expect(
      await errorOf(
        client.meetings.importTranscript.mutate({ text: 'A: x'.repeat(600_000), customerId: customer.id }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await errorOf(
        client.meetings.importTranscript.mutate({
          text: `A: ${'word '.repeat(25_000)}`,
          customerId: customer.id,
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/cannot be analysed \(turn 1\)/) });
    expect(await errorOf(client.meetings.importTranscript.mutate({ text: 'A: hello' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('does not show, edit or store into another org’s call', async () => {
    const { meeting, client, customer } = await renewalCallSetUp();
    const { record } = await client.meetings.importTranscript.mutate({
      text: await fixture('pasted-notes.txt'),
      customerId: customer.id,
    });
    const other = await renewalCallSetUp();
    expect(await other.client.meetings.callRecord.query({ id: record.id })).toEqual({ record: null });
    expect(
      await errorOf(other.client.meetings.editCallRecord.mutate({ id: record.id, summary: 'mine now' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(other.client.meetings.proposeFollowUp.mutate({ id: record.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await errorOf(
        other.client.meetings.importTranscript.mutate({ text: 'A: hello', activityId: meeting.id }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
