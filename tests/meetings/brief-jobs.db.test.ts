import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { briefJobHandlers, briefSchedules, prepareBriefQueue } from '../../backend/briefs/jobs.ts';
import { meetingBriefs } from '../../backend/briefs/schema.ts';
import { aiRuns } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { enqueueJob } from '../../backend/jobs/queue.ts';
import { jobWorkerFor } from '../../backend/jobs/start.ts';
import { aYearOfCustomer } from '../../bench/briefs-account.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anActivity, anOrg } from '../support/builders.ts';

let at = new Date('2026-11-23T12:00:00Z');
const suite = suiteWithApp({ clock: { now: () => at } });
const db = () => suite.testDb.database.db;

const prepareJobs = async (orgId: string) =>
  db().execute<{ run_at: string; payload: { eventKey: string }; state: string }>(
    sql`select run_at::text, payload, state from jobs where queue = ${prepareBriefQueue} and org_id = ${orgId} order by run_at`,
  );

const prepareAgain = (orgId: string) =>
  inOrg(db(), orgId, (tx) =>
    enqueueJob(tx, {
      queue: prepareBriefQueue,
      orgId,
      payload: { eventKey: 'qbr9_20261124T121000Z' },
      runAt: at,
    }),
  );

const briefRows = (orgId: string) =>
  inOrg(db(), orgId, (tx) => tx.select().from(meetingBriefs).where(eq(meetingBriefs.orgId, orgId)));

describe('briefs ahead of time', () => {
  it('prepares the brief of a recorded event 24 hours before it, for the account’s owner, and again only when stale', async () => {
    const org = await anOrg(db(), { domains: ['team.example'] });
    const owner = await aMember(db(), org, { role: 'csm' });
    const account = await aYearOfCustomer(db(), org.id, at, {
      name: 'Scheduled Co',
      domain: 'scheduled.example',
      ownerId: owner.id,
    });
    await suite.app.client(owner.token).meetings.recordFromCalendar.mutate({
      customerId: account.customerId,
      eventId: 'qbr9_20261124T121000Z',
      title: 'QBR',
      start: '2026-11-24T12:10:00Z',
      conferenceId: null,
    });
    const worker = jobWorkerFor(suite.testDb.database, suite.app.deps, {
      handlers: briefJobHandlers,
      schedules: briefSchedules,
    });

    expect(await worker.fireSchedules()).toBeGreaterThan(0);
    // The slot's jobs run at the database's time, which is past the test's clock.
    at = new Date(Date.now() + 1000);
    expect((await worker.runOnce()).kind).toBe('done');
    const planned = await prepareJobs(org.id);
    expect(planned.map((j) => [j.payload.eventKey, new Date(j.run_at).toISOString(), j.state])).toEqual([
      ['qbr9_20261124T121000Z', '2026-11-23T12:10:00.000Z', 'queued'],
    ]);
    expect(await briefRows(org.id)).toEqual([]);

    expect((await worker.runOnce()).kind).toBe('done');
    const [brief] = await briefRows(org.id);
    expect(brief).toMatchObject({ eventKey: 'qbr9_20261124T121000Z', customerId: account.customerId });
    const runs = () =>
      inOrg(db(), org.id, (tx) =>
        tx
          .select()
          .from(aiRuns)
          .where(and(eq(aiRuns.orgId, org.id), eq(aiRuns.feature, 'meeting.brief'))),
      );
    expect((await runs()).map((r) => r.userId)).toEqual([owner.id]);

    // Opened on the Calendar page, the prepared brief gets the page's guests without a model call.
    const opened = await suite.app.client(owner.token).meetings.brief.query({
      eventId: 'qbr9_20261124T121000Z',
      title: 'QBR',
      start: '2026-11-24T12:10:00Z',
      attendees: [{ email: account.champion.email, name: 'Dana Whit' }],
    });
    expect(opened).toMatchObject({ kind: 'brief', briefId: brief?.id, stale: false });
    if (opened.kind !== 'brief') throw new Error('no brief');
    expect(opened.generatedAt).toBe(brief?.generatedAt.toISOString());
    expect(opened.brief.attendees.map((a) => [a.name, a.role])).toEqual([['Dana Whit', 'champion']]);
    expect(opened.brief.attendees[0]?.lastInteraction?.sources).toEqual([
      { kind: 'activity', id: account.latestEmailId },
    ]);
    expect(opened.brief.activities.map((a) => a.id)).toContain(account.latestEmailId);
    expect(await runs()).toHaveLength(1);

    // The 1 h mark finds it fresh and makes no model call; after a new activity it regenerates.
    await prepareAgain(org.id);
    expect((await worker.runOnce()).kind).toBe('done');
    expect((await briefRows(org.id))[0]?.generatedAt).toEqual(brief?.generatedAt);
    await anActivity(db(), org, account.customerId, { kind: 'note', subject: 'Budget review moved' });
    at = new Date(at.getTime() + 60_000);
    await prepareAgain(org.id);
    expect((await worker.runOnce()).kind).toBe('done');
    expect((await briefRows(org.id))[0]?.generatedAt).toEqual(at);
  });
});
