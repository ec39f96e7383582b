import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aContact, aCustomer, anActivity } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { suiteWithFakeZoom } from './zoom-suite.ts';

const suite = suiteWithFakeZoom();
const db = () => suite.testDb.database.db;
const vtt = () => readFile(new URL('../fixtures/transcripts/zoom-renewal-call.vtt', import.meta.url), 'utf8');

let meetingNumber = 84400012000;

/** A customer's Calendar meeting on Zoom, and Zoom's recording of it with its transcript. */
async function recordedMeeting(org: OrgRef) {
  const id = ++meetingNumber;
  const uuid = `4444AAAiAAAA${id}/+bC==`;
  const startTime = '2026-11-24T15:00:00Z';
  const customer = await aCustomer(db(), org, { name: `Globex ${id}` });
  await aContact(db(), org, customer.id, { name: 'Marco Ruiz', email: `marco.${id}@globex.example` });
  const meeting = await anActivity(db(), org, customer.id, {
    kind: 'meeting',
    subject: 'Globex renewal call',
    occurredAt: new Date('2026-11-24T15:02:00Z'),
    conferenceId: String(id),
    source: 'google_calendar',
    externalId: `event-${id}`,
  });
  suite.zoom.addRecording({ uuid, id, topic: 'Globex renewal call', startTime, vtt: await vtt() });
  return { id, uuid, customer, meeting };
}

function transcriptCompleted(uuid: string, id: number, accountId = suite.zoom.account.accountId) {
  return {
    event: 'recording.transcript_completed',
    event_ts: Date.now(),
    payload: {
      account_id: accountId,
      object: { uuid, id, host_id: suite.zoom.account.id, topic: 'Globex renewal call', recording_files: [] },
    },
    download_token: 'short-lived-download-token',
  };
}

async function callRecordsOf(org: OrgRef) {
  return inOrg(db(), org.id, (tx) =>
    tx.execute<{ id: string; activity_id: string; source: string }>(
      sql`select id, activity_id, source from call_records where org_id = ${org.id}`,
    ),
  );
}

describe('POST /webhooks/zoom', () => {
  it('answers the URL-validation challenge with the HMAC of the plain token', async () => {
    const answer = await suite.postEvent({
      event: 'endpoint.url_validation',
      payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
    });
    expect(answer.status).toBe(200);
    const { createHmac } = await import('node:crypto');
    expect(await answer.json()).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', suite.zoom.webhookSecret)
        .update('qgg8vlvZRS6UYooatFL8Aw')
        .digest('hex'),
    });
  });

  it('refuses a forged signature, one made with another secret, a stale timestamp and a missing one with 401', async () => {
    const event = { event: 'endpoint.url_validation', payload: { plainToken: 'x' } };
    expect((await suite.postEvent(event, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await suite.postEvent(event, { secret: 'not-the-secret' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await suite.postEvent(event, { timestamp: sixMinutesAgo });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({ error: 'the request timestamp is too old' });
    const unsigned = await suite.app.fetch('/webhooks/zoom', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
  });

  it('a signed transcript_completed becomes a job that downloads the VTT with the connection’s token and stores the call', async () => {
    const { org } = await suite.orgWithZoom();
    const { uuid, id, meeting, customer } = await recordedMeeting(org);

    const answer = await suite.postEvent(transcriptCompleted(uuid, id));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ accepted: true });
    await suite.drainJobs();

    const records = await callRecordsOf(org);
    expect(records).toEqual([expect.objectContaining({ activity_id: meeting.id, source: 'zoom' })]);
    const download = suite.zoom.requests.find((r) => r.path === `/rec/download/${id}-transcript`);
    expect(download?.authorization).toMatch(/^Bearer /);
    const signals = await inOrg(db(), org.id, (tx) =>
      tx.execute<{ n: number }>(
        sql`select count(*)::int as n from health_signals where customer_id = ${customer.id} and kind::text like 'call.%'`,
      ),
    );
    expect(signals[0]?.n).toBeGreaterThan(0);
  });

  it('a replay of the same event changes nothing', async () => {
    const { org } = await suite.orgWithZoom();
    const { uuid, id, customer } = await recordedMeeting(org);
    await suite.postEvent(transcriptCompleted(uuid, id));
    await suite.drainJobs();
    const count = async () =>
      (
        await inOrg(db(), org.id, (tx) =>
          tx.execute<{ records: number; signals: number; updated: string }>(
            sql`select (select count(*)::int from call_records where customer_id = ${customer.id}) as records,
                       (select count(*)::int from health_signals where customer_id = ${customer.id}) as signals,
                       (select max(updated_at)::text from call_records where customer_id = ${customer.id}) as updated`,
          ),
        )
      )[0];
    const before = await count();

    expect((await suite.postEvent(transcriptCompleted(uuid, id))).status).toBe(200);
    await suite.drainJobs();

    expect(await count()).toEqual(before);
  });

  it('routes by account id: an account no org connected is acknowledged and queues nothing', async () => {
    const answer = await suite.postEvent(transcriptCompleted('someone-else==', 1, 'UnknownAccount123'));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ignored: 'no org connected this Zoom account' });
  });

  it('refreshes a refused token once and retries a 429 after Zoom’s Retry-After', async () => {
    const { org } = await suite.orgWithZoom();
    const { uuid, id } = await recordedMeeting(org);
    suite.zoom.expireAccessTokens();
    suite.zoom.rateLimitNext(`/v2/meetings/`, 1);
    await suite.postEvent(transcriptCompleted(uuid, id));
    const postedAt = Date.now();
    const first = await suite.app.worker?.runOnce();
    expect(first).toMatchObject({ kind: 'retried' });
    const [retry] = await db().execute<{ run_at: Date }>(
      sql`select run_at from jobs where id = ${first && 'jobId' in first ? first.jobId : ''}`,
    );
    expect(new Date(retry?.run_at ?? 0).getTime()).toBeGreaterThanOrEqual(postedAt + 1000);
    // The wait is the queue's to keep; here the retry is made due at once. A second back, since
    // Postgres' now() has microseconds the worker's millisecond clock may not have reached yet.
    await db().execute(
      sql`update jobs set run_at = now() - interval '1 second' where id = ${first && 'jobId' in first ? first.jobId : ''}`,
    );
    await suite.drainJobs();
    expect(await callRecordsOf(org)).toHaveLength(1);
  });
});

describe('meetings.fetchZoomTranscript', () => {
  it('pulls the transcript of a meeting number through the org’s connection', async () => {
    const { org, admin } = await suite.orgWithZoom();
    const { id, meeting } = await recordedMeeting(org);
    const pulled = await suite.app
      .client(admin.token)
      .meetings.fetchZoomTranscript.mutate({ meeting: String(id) });
    expect(pulled).toMatchObject({ outcome: 'created', record: { activityId: meeting.id, source: 'zoom' } });
    expect(
      await suite.app.client(admin.token).meetings.fetchZoomTranscript.mutate({ meeting: String(id) }),
    ).toMatchObject({ outcome: 'unchanged' });
  });

  it('says so when Zoom has no recording of the meeting', async () => {
    const { admin } = await suite.orgWithZoom();
    expect(
      await errorOf(
        suite.app.client(admin.token).meetings.fetchZoomTranscript.mutate({ meeting: '999000111' }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no cloud recording/) });
  });
});

describe('what the server keeps to itself', () => {
  it('after all of the above, never logged a Zoom token, code, verifier or the client secret', () => {
    const log = suite.app.logLines.join('\n');
    const leaked = suite.zoom.secrets().filter((secret) => log.includes(secret));
    expect(suite.zoom.secrets().length).toBeGreaterThan(3);
    expect(leaked).toEqual([]);
  });
});
