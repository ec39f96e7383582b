import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aCustomer, aMember, anActivity, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import type { FakeRecording } from '../support/fakes/zoom-server.ts';
import { suiteWithFakeZoom } from './zoom-suite.ts';

const suite = suiteWithFakeZoom();
const db = () => suite.testDb.database.db;
const vtt = () => readFile(new URL('../fixtures/transcripts/zoom-renewal-call.vtt', import.meta.url), 'utf8');

let meetingNumber = 85500012000;

/**
 * A customer's Calendar meeting on Zoom at `startTime`, and Zoom's cloud recording of it with its
 * transcript, reachable at /rec/share/<shareToken> and /rec/play/<playToken>.
 */
async function recordedMeeting(org: OrgRef, startTime: string, title = 'Initech renewal call') {
  const id = ++meetingNumber;
  const recording: FakeRecording = {
    uuid: `5555BBBjBBBB${id}/+cD==`,
    id,
    topic: title,
    startTime,
    vtt: await vtt(),
    shareToken: `kT4fQx${id}Jd9Lm2.Zp7WqS0vRb1N`,
    playToken: `Hq8Rw2${id}Vn4Ty6.Ck3Ej5Gs9Ua0`,
  };
  const customer = await aCustomer(db(), org, { name: `Initech ${id}` });
  const meeting = await anActivity(db(), org, customer.id, {
    kind: 'meeting',
    subject: title,
    occurredAt: new Date(startTime),
    conferenceId: String(id),
    source: 'google_calendar',
    externalId: `event-${id}`,
  });
  suite.zoom.addRecording(recording);
  return { recording, customer, meeting };
}

const requestsTo = (path: string) => suite.zoom.requests.filter((r) => r.path === path);

afterEach(() => {
  suite.zoom.listPageSize = 300;
});

describe('a Zoom recording page finds the call Zoom imported', () => {
  it('a webhook import keeps the share and play tokens: both pages show the record, another org’s member sees none', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const { recording, meeting } = await recordedMeeting(org, '2026-10-13T16:00:00Z');
    await suite.postEvent({
      event: 'recording.transcript_completed',
      event_ts: Date.now(),
      payload: {
        account_id: suite.zoom.account.accountId,
        object: { uuid: recording.uuid, id: recording.id, topic: recording.topic, recording_files: [] },
      },
    });
    await suite.drainJobs();

    const client = suite.app.client(admin.token);
    for (const token of [recording.shareToken, recording.playToken]) {
      const shown = await client.meetings.callRecord.query({ recordingId: token });
      expect(shown.record).toMatchObject({ activityId: meeting.id, source: 'zoom', title: recording.topic });
    }
    const other = await anOrg(db());
    const stranger = await aMember(db(), other, { role: 'admin' });
    const theirs = await suite.app
      .client(stranger.token)
      .meetings.callRecord.query({ recordingId: recording.shareToken ?? '' });
    expect(theirs.record).toBeNull();
  });
});

describe('meetings.findZoomRecording', () => {
  it('finds a page no record knows among the account’s recordings of its day, paging on, and imports it once', async () => {
    const { org, admin } = await suite.orgWithZoom();
    // Three recordings that day, listed one a page newest first: the page's is on the last page.
    const { recording, meeting } = await recordedMeeting(org, '2026-09-08T09:00:00Z');
    await recordedMeeting(org, '2026-09-08T12:00:00Z', 'Initech weekly sync');
    await recordedMeeting(org, '2026-09-08T15:00:00Z', 'Initech QBR');
    suite.zoom.listPageSize = 1;
    const client = suite.app.client(admin.token);
    const listedBefore = requestsTo('/v2/users/me/recordings').length;

    const found = await client.meetings.findZoomRecording.mutate({
      recordingId: recording.playToken ?? '',
      startTime: '2026-09-08T02:00:00-07:00',
    });

    expect(found).toMatchObject({ outcome: 'created', record: { activityId: meeting.id, source: 'zoom' } });
    expect(requestsTo('/v2/users/me/recordings').length - listedBefore).toBe(3);
    const shown = await client.meetings.callRecord.query({ recordingId: recording.shareToken });
    expect(shown.record?.id).toBe(found.record?.id);
    // Found again (another CSM's sidebar), the same transcript is not stored twice.
    const again = await client.meetings.findZoomRecording.mutate({ recordingId: recording.playToken ?? '' });
    expect(again).toMatchObject({ outcome: 'unchanged', record: { id: found.record?.id } });
  });

  it('a call imported before its pages were kept gets them when one of its pages is opened, its record unchanged', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const { recording } = await recordedMeeting(org, '2026-09-15T09:00:00Z');
    const client = suite.app.client(admin.token);
    const pulled = await client.meetings.fetchZoomTranscript.mutate({ meeting: String(recording.id) });
    await inOrg(db(), org.id, (tx) =>
      tx.execute(sql`delete from zoom_recording_links where org_id = ${org.id}`),
    );
    expect((await client.meetings.callRecord.query({ recordingId: recording.shareToken })).record).toBeNull();

    const found = await client.meetings.findZoomRecording.mutate({
      recordingId: recording.shareToken ?? '',
      startTime: recording.startTime,
    });

    expect(found).toMatchObject({ outcome: 'unchanged', record: { id: pulled.record?.id } });
    const shown = await client.meetings.callRecord.query({ recordingId: recording.playToken });
    expect(shown.record?.id).toBe(pulled.record?.id);
  });

  it('with no start time on the page, looks back month by month until the recording is listed', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    fortyDaysAgo.setUTCMinutes(0, 0, 0);
    const { recording, meeting } = await recordedMeeting(org, fortyDaysAgo.toISOString().replace('.000', ''));

    const found = await suite.app
      .client(admin.token)
      .meetings.findZoomRecording.mutate({ recordingId: recording.shareToken ?? '' });

    expect(found).toMatchObject({ outcome: 'created', record: { activityId: meeting.id } });
  });

  it('a token no recording has is not_found and stores nothing; the page falls back to the paste box', async () => {
    const { org, admin } = await suite.orgWithZoom();
    await recordedMeeting(org, '2026-08-04T10:00:00Z');
    const client = suite.app.client(admin.token);

    const found = await client.meetings.findZoomRecording.mutate({
      recordingId: 'NobodysToken9x.Qw3',
      startTime: '2026-08-04T10:00:00Z',
    });

    expect(found).toEqual({ outcome: 'not_found', record: null });
    expect((await client.meetings.callRecord.query({ recordingId: 'NobodysToken9x.Qw3' })).record).toBeNull();
  });

  it('without a Zoom connection answers not_connected and calls Zoom not at all', async () => {
    const org = await anOrg(db());
    const csm = await aMember(db(), org, { role: 'csm' });
    const before = suite.zoom.requests.length;

    const found = await suite.app
      .client(csm.token)
      .meetings.findZoomRecording.mutate({ recordingId: 'Hq8Rw2Some.Token' });

    expect(found).toEqual({ outcome: 'not_connected', record: null });
    expect(suite.zoom.requests.length).toBe(before);
  });

  it('a rate limit from Zoom is said as TOO_MANY_REQUESTS with Zoom’s wait, never a 500', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const { recording } = await recordedMeeting(org, '2026-07-21T10:00:00Z');
    suite.zoom.rateLimitNext('/v2/users/me/recordings', 7);

    const refused = await errorOf(
      suite.app.client(admin.token).meetings.findZoomRecording.mutate({
        recordingId: recording.playToken ?? '',
        startTime: recording.startTime,
      }),
    );

    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('7 s') });
  });

  it('a recording no customer’s meeting carries is no_customer, left to the paste box', async () => {
    const { admin } = await suite.orgWithZoom();
    const recording: FakeRecording = {
      uuid: 'LoneRecordingUuid0000==',
      id: 85599990001,
      topic: 'Internal retro',
      startTime: '2026-07-07T10:00:00Z',
      vtt: await vtt(),
      shareToken: 'LoneShare0001.Tok',
    };
    suite.zoom.addRecording(recording);

    const found = await suite.app.client(admin.token).meetings.findZoomRecording.mutate({
      recordingId: 'LoneShare0001.Tok',
      startTime: recording.startTime,
    });

    expect(found).toEqual({ outcome: 'no_customer', record: null });
  });
});

describe('meetings.findZoomRecording for a call no customer’s meeting carries', () => {
  async function loneRecording(id: number, startTime: string) {
    const recording: FakeRecording = {
      uuid: `LoneUuid${id}==`,
      id,
      topic: 'Wayne Enterprises kickoff',
      startTime,
      vtt: await vtt(),
      shareToken: `LoneShare${id}.Tok`,
    };
    suite.zoom.addRecording(recording);
    return recording;
  }

  it('joins the customer the page shows: their meeting of that title that day, else a new call on their timeline', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const client = suite.app.client(admin.token);
    const wayne = await aCustomer(db(), org, { name: 'Wayne Enterprises' });
    const kickoff = await anActivity(db(), org, wayne.id, {
      kind: 'meeting',
      subject: 'Wayne Enterprises Kickoff',
      occurredAt: new Date('2026-07-14T16:00:00Z'),
      source: 'google_calendar',
      externalId: 'wayne-kickoff',
    });
    const onTheDay = await loneRecording(85599990011, '2026-07-14T16:03:00Z');
    const later = await loneRecording(85599990012, '2026-07-28T16:03:00Z');

    const joined = await client.meetings.findZoomRecording.mutate({
      recordingId: onTheDay.shareToken ?? '',
      startTime: '2026-07-14T09:03:00-07:00',
      customerId: wayne.id,
    });
    const added = await client.meetings.findZoomRecording.mutate({
      recordingId: later.shareToken ?? '',
      customerId: wayne.id,
      startTime: later.startTime,
    });

    expect(joined).toMatchObject({
      outcome: 'created',
      record: { activityId: kickoff.id, customerId: wayne.id },
    });
    expect(added).toMatchObject({ outcome: 'created', record: { customerId: wayne.id, title: later.topic } });
    expect(added.record?.activityId).not.toBe(kickoff.id);
  });

  it('names no customer from another org: no_customer, nothing stored', async () => {
    const { admin } = await suite.orgWithZoom();
    const elsewhere = await aCustomer(db(), await anOrg(db()), { name: 'Wayne Enterprises' });
    const recording = await loneRecording(85599990013, '2026-07-15T16:00:00Z');

    const found = await suite.app.client(admin.token).meetings.findZoomRecording.mutate({
      recordingId: recording.shareToken ?? '',
      startTime: recording.startTime,
      customerId: elsewhere.id,
    });

    expect(found).toEqual({ outcome: 'no_customer', record: null });
  });
});

describe('a recording page and a pasted transcript', () => {
  async function csmWithCustomer(name: string) {
    const org = await anOrg(db());
    const csm = await aMember(db(), org, { role: 'csm' });
    const customer = await aCustomer(db(), org, { name });
    return { org, customer, client: suite.app.client(csm.token) };
  }

  it('remembers the play page a transcript was pasted on: reopening that page shows the record', async () => {
    const { customer, client } = await csmWithCustomer('Umbrella');
    const stored = await client.meetings.importTranscript.mutate({
      text: await vtt(),
      customerId: customer.id,
      title: 'Umbrella onboarding',
      occurredAt: '2026-06-09T14:00:00Z',
      recordingId: 'PastedOnPl4y.Tok3n',
    });

    const shown = await client.meetings.callRecord.query({ recordingId: 'PastedOnPl4y.Tok3n' });

    expect(shown.record?.id).toBe(stored.record.id);
    expect((await client.meetings.callRecord.query({ recordingId: 'SomeOtherPage.Tok' })).record).toBeNull();
  });

  it('with no id matching, names the one record with the page’s topic on the page’s day (in its offset), and none when two are', async () => {
    const { org, customer, client } = await csmWithCustomer('Hooli');
    const stored = await client.meetings.importTranscript.mutate({
      text: await vtt(),
      customerId: customer.id,
      title: 'Hooli — Quarterly business review',
      occurredAt: '2026-06-02T23:30:00Z',
    });
    // The recording began at 17:10 in California, 00:10 UTC on 3 June: still the page's 2 June.
    const page = { recordingId: 'NotKnownHere.Tok', topic: 'Hooli - quarterly Business Review' };

    const sameDay = await client.meetings.callRecord.query({
      ...page,
      startTime: '2026-06-02T17:10:00-07:00',
    });
    expect(sameDay.record?.id).toBe(stored.record.id);
    const nextDay = await client.meetings.callRecord.query({
      ...page,
      startTime: '2026-06-03T16:30:00-07:00',
    });
    expect(nextDay.record).toBeNull();

    const other = await aCustomer(db(), org, { name: 'Hooli XYZ' });
    await client.meetings.importTranscript.mutate({
      text: `${await vtt()}\n\n99\n01:00:00.000 --> 01:00:02.000\nSam Carter: One more thing.\n`,
      customerId: other.id,
      title: 'Hooli — Quarterly business review',
      occurredAt: '2026-06-02T20:00:00Z',
    });
    const two = await client.meetings.callRecord.query({ ...page, startTime: '2026-06-02T17:10:00-07:00' });
    expect(two.record).toBeNull();
  });

  it('a transcript pasted on a page with no meeting number joins the customer’s one meeting of that title that day', async () => {
    const { org, customer, client } = await csmWithCustomer('Vandelay');
    const meeting = await anActivity(db(), org, customer.id, {
      kind: 'meeting',
      subject: 'Vandelay renewal call',
      occurredAt: new Date('2026-05-05T14:00:00Z'),
      source: 'google_calendar',
      externalId: 'vandelay-renewal',
    });

    const stored = await client.meetings.importTranscript.mutate({
      text: await vtt(),
      customerId: customer.id,
      title: 'Vandelay Renewal Call',
      occurredAt: '2026-05-05T16:30:00+02:00',
      recordingId: 'VandelayPl4y.Tok',
    });

    expect(stored.record).toMatchObject({ activityId: meeting.id, title: 'Vandelay renewal call' });
  });
});
