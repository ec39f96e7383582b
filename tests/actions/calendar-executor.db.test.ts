import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { ActionRequest } from '../../shared/api/actions.ts';
import { aMember } from '../support/builders.ts';
import { drainQueue } from './actions-suite.ts';
import {
  actionOf,
  anApproved,
  anOrgWithConnections,
  runWithRetries,
  suiteWithOutboundFakes,
} from './outbound-suite.ts';

const suite = suiteWithOutboundFakes();

const kickOff = (
  overrides: Partial<Extract<ActionRequest, { kind: 'calendar.create_event' }>['payload']> = {},
) =>
  ({
    kind: 'calendar.create_event',
    payload: {
      summary: 'Renewal kick-off',
      description: 'Agenda: seats, SSO, pricing',
      start: { dateTime: '2027-02-03T15:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2027-02-03T15:30:00+01:00', timeZone: 'Europe/Berlin' },
      attendees: ['dana@acme.example'],
      conference: true,
      ...overrides,
    },
  }) as ActionRequest;

const eventsOf = (actionId: string) =>
  suite.calendar.events.filter((e) => e.id === `cs${actionId.replace(/-/g, '')}`);

describe('running an approved calendar event', () => {
  it('creates it on the CSM’s primary calendar with its attendees, times in their zone and a Meet link', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, kickOff());
    expect(await drainQueue(suite.app)).toEqual(['done']);

    const [event] = eventsOf(id);
    expect(event).toMatchObject({
      calendarId: 'primary',
      summary: 'Renewal kick-off',
      description: 'Agenda: seats, SSO, pricing',
      start: { dateTime: '2027-02-03T15:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2027-02-03T15:30:00+01:00', timeZone: 'Europe/Berlin' },
      attendees: [{ email: 'dana@acme.example', responseStatus: 'needsAction' }],
      query: { sendUpdates: 'all', conferenceDataVersion: '1' },
    });
    expect(event?.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
    const action = await actionOf(suite, org.csm.token, id);
    expect(action).toMatchObject({ status: 'done', attempts: 1 });
    expect(action.outcome).toMatchObject({
      eventId: event?.id,
      htmlLink: event?.htmlLink,
      meetLink: event?.hangoutLink,
    });
  });

  it('makes one event when Calendar made it but the answer was lost: the retry’s 409 is read back as done', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, kickOff({ conference: false }));
    let inserts = 0;
    suite.calendar.onInsert = () => (++inserts === 1 ? 'drop' : undefined);

    expect(await runWithRetries(suite, 2)).toEqual(['retried', 'done']);
    expect(eventsOf(id)).toHaveLength(1);
    const posts = suite.calendar.requests.filter((r) => r.path.endsWith('/events') && r.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    const action = await actionOf(suite, org.csm.token, id);
    expect(action).toMatchObject({ status: 'done', attempts: 2, lastError: null });
    expect(action.outcome).toMatchObject({ eventId: eventsOf(id)[0]?.id, foundMade: true });
  });

  it('refreshes a token Calendar refuses (401) once, and creates the event with the new one', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, kickOff({ attendees: [] }));
    suite.calendar.expireAccessTokens();
    const grantsBefore = suite.google.requests.filter((r) => r.params.grant_type === 'refresh_token').length;

    expect(await drainQueue(suite.app)).toEqual(['done']);
    const grants = suite.google.requests.filter((r) => r.params.grant_type === 'refresh_token').length;
    expect(grants - grantsBefore).toBe(1);
    const [event] = eventsOf(id);
    expect(event?.accessToken).toMatch(/^ya29\./);
    expect((await actionOf(suite, org.csm.token, id)).status).toBe('done');
  });

  it('waits out a 429’s Retry-After before trying again, longer than its own backoff', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, kickOff());
    suite.calendar.rateLimitNext(120);

    expect(await drainQueue(suite.app)).toEqual(['retried']);
    const failed = await actionOf(suite, org.csm.token, id);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.lastError).toContain('Google 429');
    // The queue's own backoff for a first failure is 5 to 10 s; Google asked for two minutes.
    suite.clock.advance(60_000);
    expect(await drainQueue(suite.app)).toEqual([]);
    suite.clock.advance(61_000);
    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(eventsOf(id)).toHaveLength(1);
  });

  it('is done, not dead, when every worker died after Calendar made the event', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, kickOff());
    suite.calendar.onInsert = () => 'drop';
    expect(await drainQueue(suite.app)).toEqual(['retried']);
    suite.calendar.onInsert = undefined;
    await diedOnEveryAttempt(org.org.id, id);

    expect(await drainQueue(suite.app)).toEqual(['done']);
    const action = await actionOf(suite, org.csm.token, id);
    expect(action).toMatchObject({ status: 'done', lastError: null });
    expect(action.outcome).toMatchObject({ foundMade: true });
    expect(eventsOf(id)).toHaveLength(1);
  });

  it('is approved only by its CSM or an admin: it goes out from the CSM’s own calendar', async () => {
    const org = await anOrgWithConnections(suite);
    const colleague = await aMember(suite.testDb.database.db, org.org, { role: 'csm' });
    const { id } = await suite.app
      .client(org.csm.token, { batch: false })
      .actions.propose.mutate({ ...kickOff(), customerId: org.customer.id, reason: 'Agreed on the call' });
    await expect(
      suite.app.client(colleague.token, { batch: false }).actions.approve.mutate({ id }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const approved = await suite.app.client(org.admin.token, { batch: false }).actions.approve.mutate({ id });
    expect(approved.status).toBe('approved');
    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(eventsOf(id)).toHaveLength(1);
  });

  it('refuses an event that ends before it starts, or in a zone that is not one, as bad input', async () => {
    const org = await anOrgWithConnections(suite);
    const client = suite.app.client(org.csm.token, { batch: false });
    const propose = (request: ActionRequest) =>
      client.actions.propose.mutate({ ...request, customerId: org.customer.id, reason: 'Test' });
    await expect(
      propose(kickOff({ end: { dateTime: '2027-02-03T14:00:00+01:00', timeZone: 'Europe/Berlin' } })),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(
      propose(kickOff({ start: { dateTime: '2027-02-03T15:00:00+01:00', timeZone: 'Mars/Olympus' } })),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});

/** Five runs that each died midway: the action executing, the job's lease run out. */
async function diedOnEveryAttempt(orgId: string, actionId: string): Promise<void> {
  const db = suite.testDb.database.db;
  await db.execute(sql`
    update jobs set state = 'running', attempts = 5, locked_by = 'a dead worker',
      locked_until = now() - interval '1 second', run_at = now() - interval '1 second'
    where payload->>'actionId' = ${actionId}`);
  await inOrg(db, orgId, (tx) =>
    tx.execute(sql`update actions set status = 'executing', attempts = 5 where id = ${actionId}`),
  );
}
