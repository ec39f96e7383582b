import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetingBriefs } from '../../backend/briefs/schema.ts';
import { activities, aiRuns, tasks } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { callRecords } from '../../backend/meetings/schema.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { healthSignals } from '../../backend/signals/schema.ts';
import { aYearOfCustomer } from '../../bench/briefs-account.ts';
import type { BriefOutput, BriefSource, MeetingBrief } from '../../shared/api/briefs.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anActivity, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const now = new Date('2026-11-23T12:00:00Z');
const suite = suiteWithApp({ clock: { now: () => now } });

async function aTeamWithAccount() {
  const db = suite.testDb.database.db;
  const org = await anOrg(db, { domains: ['team.example'] });
  const csm = await aMember(db, org, { role: 'csm', email: `csm-${org.id.slice(0, 6)}@team.example` });
  const domain = `northwind-${org.id.slice(0, 6)}.example`;
  const account = await aYearOfCustomer(db, org.id, now, { name: `Northwind ${org.id.slice(0, 6)}`, domain });
  const api = suite.app.client(csm.token);
  const event = {
    eventId: `qbr${org.id.slice(0, 6)}_20261124T150000Z`,
    title: 'Northwind QBR',
    start: '2026-11-24T15:00:00Z',
    attendees: [
      { email: account.champion.email, name: 'Dana Whit' },
      { email: account.engineer.email, name: 'Lee Park' },
      { email: csm.email, name: 'Our CSM' },
    ],
  };
  return { db, org, csm, account, api, event };
}

function briefOf(output: BriefOutput): Extract<BriefOutput, { kind: 'brief' }> {
  if (output.kind !== 'brief') throw new Error(`expected a brief, got ${output.kind}`);
  return output;
}

function everySource(brief: MeetingBrief): BriefSource[] {
  return [
    ...brief.attendees.flatMap((a) => [...(a.lastInteraction?.sources ?? []), ...a.sentiment.sources]),
    ...(brief.account.health
      ? [brief.account.health.source, ...brief.account.health.drivers.flatMap((d) => d.sources)]
      : []),
    ...[...brief.openItems, ...brief.commitments, ...brief.risks, ...brief.talkingPoints].flatMap(
      (c) => c.sources,
    ),
    ...brief.agenda.flatMap((a) => a.sources),
  ];
}

const sourcesOf = (claims: { text: string; sources: BriefSource[] }[], text: RegExp) =>
  claims.filter((c) => text.test(c.text)).flatMap((c) => c.sources);

async function briefRuns(org: OrgRef) {
  return inOrg(suite.testDb.database.db, org.id, (tx) =>
    tx
      .select()
      .from(aiRuns)
      .where(and(eq(aiRuns.orgId, org.id), eq(aiRuns.feature, 'meeting.brief'))),
  );
}

describe('meetings.brief', () => {
  it('briefs a customer meeting from a year of history, every claim pointing at a real row of that customer', async () => {
    const { db, org, account, api, event } = await aTeamWithAccount();

    const { brief } = briefOf(await api.meetings.brief.query(event));

    const [dana, lee] = brief.attendees;
    expect(brief.attendees.map((a) => [a.name, a.role])).toEqual([
      ['Dana Whit', 'champion'],
      ['Lee Park', 'technical'],
    ]);
    expect(brief.colleagues.map((c) => c.name)).toEqual(['Our CSM']);
    expect(dana?.lastInteraction?.sources).toEqual([{ kind: 'activity', id: account.latestEmailId }]);
    expect(dana?.sentiment.trend).toBe('declining');
    expect(lee?.lastInteraction?.sources).toEqual([{ kind: 'activity', id: account.lastMeetingId }]);
    expect(brief.account).toMatchObject({ arrMinor: 12_000_000, daysToRenewal: 60, stage: 'renewal' });
    expect(brief.account.health?.drivers.length).toBeGreaterThan(0);

    expect(sourcesOf(brief.risks, /urgent ticket: SSO login fails/)).toEqual([
      { kind: 'activity', id: account.urgentTicketId },
    ]);
    expect(sourcesOf(brief.risks, /Contoso/)).toEqual([
      { kind: 'signal', id: account.competitorSignalId },
      { kind: 'activity', id: account.lastMeetingId },
    ]);
    expect(sourcesOf(brief.commitments, /SSO fix plan/)).toEqual([
      { kind: 'activity', id: account.commitmentEmailId },
    ]);
    expect(sourcesOf(brief.commitments, /They asked: .*new date/)).toEqual([
      { kind: 'activity', id: account.latestEmailId },
    ]);
    expect(sourcesOf(brief.openItems, /QBR deck.*overdue/)).toEqual([
      { kind: 'task', id: account.overdueTaskId },
    ]);
    expect(brief.talkingPoints.length).toBeGreaterThan(0);
    expect(brief.agenda.reduce((sum, a) => sum + a.minutes, 0)).toBeGreaterThanOrEqual(25);

    const sources = everySource(brief);
    const ids = (kind: BriefSource['kind']) => [
      ...new Set(sources.filter((s) => s.kind === kind).map((s) => s.id)),
    ];
    const found = await inOrg(db, org.id, async (tx) => ({
      activities: await tx
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.customerId, account.customerId), inArray(activities.id, ids('activity')))),
      signals: await tx
        .select({ id: healthSignals.id })
        .from(healthSignals)
        .where(
          and(eq(healthSignals.customerId, account.customerId), inArray(healthSignals.id, ids('signal'))),
        ),
      tasks: await tx
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.customerId, account.customerId), inArray(tasks.id, ids('task')))),
    }));
    expect(found.activities).toHaveLength(ids('activity').length);
    expect(found.signals).toHaveLength(ids('signal').length);
    expect(found.tasks).toHaveLength(ids('task').length);
    expect(ids('health')).toEqual([account.customerId]);
    // The sidebar opens a cited activity from the brief's own list.
    expect(brief.activities.map((a) => a.id).sort()).toEqual(ids('activity').sort());
  });

  it('keeps the brief: opening the event again answers the kept one without a model call', async () => {
    const { org, api, event } = await aTeamWithAccount();
    const first = briefOf(await api.meetings.brief.query(event));
    const again = briefOf(await api.meetings.brief.query(event));

    expect(again).toEqual(first);
    expect(await briefRuns(org)).toHaveLength(1);
  });

  it('marks the brief stale when a new activity arrives, and regenerates it when opened', async () => {
    const { db, org, account, api, event } = await aTeamWithAccount();
    const first = briefOf(await api.meetings.brief.query(event));
    expect(briefOf(await api.meetings.brief.query({ ...event, mode: 'stored' })).stale).toBe(false);

    const note = await anActivity(db, org, account.customerId, {
      kind: 'ticket',
      subject: 'Data export broken',
      ticketStatus: 'open',
      ticketPriority: 'high',
      occurredAt: new Date(now.getTime() - 3_600_000),
    });

    const kept = briefOf(await api.meetings.brief.query({ eventId: event.eventId, mode: 'stored' }));
    expect(kept).toMatchObject({ briefId: first.briefId, stale: true });
    const fresh = briefOf(await api.meetings.brief.query(event));
    expect(fresh).toMatchObject({ briefId: first.briefId, stale: false });
    expect(sourcesOf(fresh.brief.risks, /Data export broken/)).toEqual([{ kind: 'activity', id: note.id }]);
    expect(await briefRuns(org)).toHaveLength(2);
  });

  it('lists the last recorded call’s action items as its call record shows them, the CSM’s edits kept', async () => {
    const { db, org, account, api, event } = await aTeamWithAccount();
    const due = '2026-11-27T17:00:00+00:00';
    await inOrg(db, org.id, (tx) =>
      tx.insert(callRecords).values({
        orgId: org.id,
        customerId: account.customerId,
        activityId: account.lastMeetingId,
        source: 'paste',
        meetingAt: new Date(now.getTime() - 14 * 86_400_000),
        transcriptHash: 'h1',
        turns: [{ speaker: 'Lee Park', text: 'We will retest SSO after the patch.' }],
        analysis: {
          summary: 'SSO escalation.',
          decisions: [],
          actionItems: [{ text: 'Retest SSO after the patch', owner: 'Lee Park', due: null, turn: 0 }],
          speakers: [],
          openQuestions: [],
          signals: [],
        },
        edits: {
          actionItems: [{ text: 'Retest SSO on staging after the patch', owner: 'Lee Park', due, turn: 0 }],
        },
        provider: 'local',
        model: 'cscx-local-1',
        analysedAt: now,
      }),
    );

    const { brief } = briefOf(await api.meetings.brief.query(event));
    expect(brief.openItems[0]).toEqual({
      text: 'From “SSO escalation call” on 9 Nov 2026: Retest SSO on staging after the patch (Lee Park, due 27 Nov 2026)',
      sources: [{ kind: 'activity', id: account.lastMeetingId }],
    });
    expect(brief.openItems.some((c) => c.text.startsWith('From the last meeting'))).toBe(false);
  });

  it('answers an internal meeting with no brief, and keeps nothing', async () => {
    const { db, org, csm, api } = await aTeamWithAccount();
    const output = await api.meetings.brief.query({
      eventId: 'standup_1',
      title: 'Team stand-up',
      start: '2026-11-24T09:00:00Z',
      attendees: [
        { email: csm.email, name: 'Our CSM' },
        { email: 'boss@team.example', name: 'Boss' },
      ],
    });

    expect(output).toEqual({ kind: 'internal' });
    const kept = await inOrg(db, org.id, (tx) =>
      tx.select().from(meetingBriefs).where(eq(meetingBriefs.orgId, org.id)),
    );
    expect(kept).toEqual([]);
  });

  it('says no customer matches when the outside guests are unknown', async () => {
    const { api } = await aTeamWithAccount();
    const output = await api.meetings.brief.query({
      title: 'Intro',
      start: '2026-11-24T09:00:00Z',
      attendees: [{ email: 'someone@unknown-co.example', name: 'Someone' }],
    });
    expect(output).toEqual({ kind: 'no_customer', unmatchedEmails: ['someone@unknown-co.example'] });
  });

  it('briefs an event known from the Calendar sidebar by its event id alone', async () => {
    const { account, api } = await aTeamWithAccount();
    await api.meetings.recordFromCalendar.mutate({
      customerId: account.customerId,
      eventId: 'renewal42_20261125T100000Z',
      title: 'Renewal talk',
      start: '2026-11-25T10:00:00Z',
      conferenceId: null,
    });

    const output = briefOf(await api.meetings.brief.query({ eventId: 'renewal42_20261125T100000Z' }));
    expect(output.brief.customer.id).toBe(account.customerId);
    expect(output.eventId).toBe('renewal42_20261125T100000Z');
    expect(output.brief.attendees).toEqual([]);
    expect(output.brief.risks.length).toBeGreaterThan(0);
  });

  it('refuses bad input with BAD_REQUEST, an unknown event with NOT_FOUND, and a caller without a token with 401', async () => {
    const { api, event } = await aTeamWithAccount();
    expect(await errorOf(api.meetings.brief.query({ ...event, start: 'tomorrow' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await errorOf(api.meetings.brief.query({ eventId: '' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await errorOf(
        api.meetings.brief.query({
          ...event,
          attendees: [{ email: 'x', name: 'y' }].concat(Array(600).fill({ email: null, name: 'z' })),
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await errorOf(api.meetings.brief.query({ eventId: 'never-seen' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(suite.app.client().meetings.brief.query(event))).toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('never shows another org’s kept brief, whatever the event id', async () => {
    const { event, api } = await aTeamWithAccount();
    await api.meetings.brief.query(event);
    const other = await aTeamWithAccount();

    expect(await errorOf(other.api.meetings.brief.query({ eventId: event.eventId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lets a viewer read the brief', async () => {
    const { db, org, event } = await aTeamWithAccount();
    const viewer = await aMember(db, org, { role: 'viewer' });
    const output = await suite.app.client(viewer.token).meetings.brief.query(event);
    expect(output.kind).toBe('brief');
  });
});
