import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { activities } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { jobs } from '../../backend/jobs/schema.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { healthSignals } from '../../backend/signals/schema.ts';
import type { SignalEventInput } from '../../shared/api/signals.ts';
import { aCustomer, aMember, anOrg, type Member } from '../support/builders.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
let app: TestApp;
let db: Db;
let org: OrgRef;
let csm: Member;
let customer: { id: string };

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  app = await startTestApp(testDb.database);
  org = await anOrg(db);
  csm = await aMember(db, org, { role: 'csm' });
  customer = await aCustomer(db, org, {
    externalId: 'acme-42',
    source: 'salesforce',
    domains: ['acme.example'],
  });
});
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const signalCount = (customerId: string) =>
  inOrg(db, org.id, async (tx) => {
    const [row] = await tx
      .select({ n: count() })
      .from(healthSignals)
      .where(eq(healthSignals.customerId, customerId));
    return row?.n ?? 0;
  });

const weeklyLogins = (eventId: string, value: number): SignalEventInput => ({
  eventId,
  customerId: customer.id,
  kind: 'usage.logins',
  period: 'week',
  observedAt: '2026-11-02T00:00:00Z',
  value,
});

describe('signals.record', () => {
  it('takes a batch once: the same batch again is all duplicates and adds no rows', async () => {
    const client = app.client(csm.token);
    const events = [weeklyLogins('idem-1', 40), weeklyLogins('idem-2', 38)];
    const before = await signalCount(customer.id);

    expect(await client.signals.record.mutate({ events })).toEqual({
      accepted: 2,
      duplicate: 0,
      rejected: [],
    });
    expect(await client.signals.record.mutate({ events })).toEqual({
      accepted: 0,
      duplicate: 2,
      rejected: [],
    });
    expect(await signalCount(customer.id)).toBe(before + 2);
  });

  it('finds the customer by external id (with or without its source) and by a domain of theirs', async () => {
    const client = app.client(csm.token);
    const base = { kind: 'survey.nps', observedAt: '2026-11-03T10:00:00Z', value: 9 } as const;
    const outcome = await client.signals.record.mutate({
      events: [
        { ...base, eventId: 'ref-1', externalId: 'acme-42', source: 'salesforce' },
        { ...base, eventId: 'ref-2', externalId: 'acme-42' },
        { ...base, eventId: 'ref-3', domain: 'ACME.example' },
      ],
    });
    expect(outcome).toEqual({ accepted: 3, duplicate: 0, rejected: [] });
    const listed = await client.signals.list.query({ customerId: customer.id, kinds: ['survey.nps'] });
    expect(listed.map((s) => s.eventId).sort()).toEqual(['ref-1', 'ref-2', 'ref-3']);
  });

  it('rejects each bad event with a reason a person understands, and writes the good ones', async () => {
    const client = app.client(csm.token);
    const at = '2026-11-03T10:00:00Z';
    const outcome = await client.signals.record.mutate({
      events: [
        { eventId: 'bad-1', externalId: 'nope-1', kind: 'survey.nps', observedAt: at, value: 8 },
        { eventId: 'bad-2', customerId: customer.id, kind: 'survey.nps', observedAt: at, value: 11 },
        { eventId: 'bad-3', customerId: customer.id, kind: 'usage.logins', observedAt: at, value: 5 },
        {
          eventId: 'bad-4',
          customerId: customer.id,
          kind: 'usage.logins',
          period: 'week',
          observedAt: at,
          value: 2.5,
        },
        {
          eventId: 'bad-5',
          customerId: customer.id,
          kind: 'usage.feature_adoption',
          period: 'week',
          observedAt: at,
          value: 1.4,
        },
        { eventId: 'bad-6', customerId: customer.id, kind: 'billing.status', observedAt: at, value: 30 },
        {
          eventId: 'bad-7',
          customerId: customer.id,
          kind: 'stakeholder.left',
          observedAt: at,
          detail: { status: 'overdue' },
        },
        { eventId: 'bad-8', domain: 'nobody.example', kind: 'survey.csat', observedAt: at, value: 4 },
        {
          eventId: 'bad-9',
          customerId: customer.id,
          kind: 'survey.csat',
          observedAt: '2099-01-01',
          value: 4,
        },
        {
          eventId: 'bad-10',
          customerId: customer.id,
          kind: 'survey.csat',
          period: 'week',
          observedAt: at,
          value: 4,
        },
        {
          eventId: 'bad-11',
          customerId: customer.id,
          kind: 'survey.csat',
          observedAt: '0000-01-01',
          value: 4,
        },
        { eventId: 'good-1', customerId: customer.id, kind: 'survey.csat', observedAt: at, value: 5 },
      ],
    });
    expect(outcome.accepted).toBe(1);
    expect(outcome.rejected.map((r) => [r.index, r.eventId, r.reason])).toEqual([
      [0, 'bad-1', "customer not found: externalId 'nope-1'"],
      [1, 'bad-2', 'survey.nps value 11 is outside 0–10'],
      [2, 'bad-3', 'usage.logins needs a period: day or week'],
      [3, 'bad-4', 'usage.logins value 2.5 is not a whole number'],
      [4, 'bad-5', 'usage.feature_adoption value 1.4 is outside 0–1'],
      [5, 'bad-6', 'billing.status needs detail.status'],
      [6, 'bad-7', 'detail.status does not apply to stakeholder.left'],
      [7, 'bad-8', "customer not found: domain 'nobody.example'"],
      [8, 'bad-9', 'observedAt 2099-01-01 is in the future'],
      [9, 'bad-10', 'survey.csat takes period instant, not week'],
      [10, 'bad-11', 'observedAt 0000-01-01 is before 1970'],
    ]);
  });

  it('says why a ticket event or an ambiguous external id is refused', async () => {
    await aCustomer(db, org, { externalId: 'twin-1', source: 'hubspot' });
    await aCustomer(db, org, { externalId: 'twin-1', source: 'zendesk' });
    const at = '2026-11-03T10:00:00Z';
    const ticket = { id: 'T-1', status: 'open' as const };
    const outcome = await app.client(csm.token).signals.record.mutate({
      events: [
        { eventId: 'amb-1', externalId: 'twin-1', kind: 'survey.nps', observedAt: at, value: 8 },
        { eventId: 'tk-1', customerId: customer.id, kind: 'ticket', observedAt: at },
        { eventId: 'tk-2', customerId: customer.id, kind: 'ticket', observedAt: at, value: 3, ticket },
        { eventId: 'tk-3', customerId: customer.id, kind: 'survey.nps', observedAt: at, value: 3, ticket },
        {
          eventId: 'ok-1',
          externalId: 'twin-1',
          source: 'zendesk',
          kind: 'survey.nps',
          observedAt: at,
          value: 8,
        },
      ],
    });
    expect(outcome.accepted).toBe(1);
    expect(outcome.rejected.map((r) => r.reason)).toEqual([
      "customer externalId 'twin-1' is ambiguous: it exists in sources 'hubspot', 'zendesk' (give the event's source)",
      'kind ticket needs ticket: { id, status, priority }',
      'value does not apply to kind ticket',
      'ticket applies to kind ticket only, not survey.nps',
    ]);
  });

  it("refuses another org's customer id as not found, and writes nothing for it", async () => {
    const other = await anOrg(db);
    const theirs = await aCustomer(db, other);
    const outcome = await app.client(csm.token).signals.record.mutate({
      events: [
        { eventId: 'x-org', customerId: theirs.id, kind: 'survey.nps', observedAt: '2026-11-03', value: 3 },
      ],
    });
    expect(outcome.rejected).toEqual([
      { index: 0, eventId: 'x-org', reason: `customer not found: customerId '${theirs.id}'` },
    ]);
    const written = await inOrg(db, other.id, (tx) =>
      tx.select({ n: count() }).from(healthSignals).where(eq(healthSignals.customerId, theirs.id)),
    );
    expect(written[0]?.n).toBe(0);
  });

  it('stamps a weekly measurement with the Monday its week starts on', async () => {
    const client = app.client(csm.token);
    await client.signals.record.mutate({
      events: [
        {
          eventId: 'wk-1',
          customerId: customer.id,
          kind: 'usage.active_users',
          period: 'week',
          observedAt: '2026-11-05T15:30:00Z',
          value: 12,
        },
      ],
    });
    const [signal] = await client.signals.list.query({
      customerId: customer.id,
      kinds: ['usage.active_users'],
    });
    expect(signal).toMatchObject({ observedAt: '2026-11-02T00:00:00.000Z', value: 12, period: 'week' });
  });

  it('keeps a ticket on the timeline: its state is upserted by ticket id, a resend is a duplicate', async () => {
    const client = app.client(csm.token);
    const ticket = (eventId: string, status: 'open' | 'solved') => ({
      eventId,
      externalId: 'acme-42',
      source: 'salesforce',
      kind: 'ticket' as const,
      observedAt: '2026-11-06T09:00:00Z',
      ticket: {
        id: 'T-100',
        status,
        priority: 'urgent' as const,
        subject: 'Exports fail',
        openedAt: '2026-11-01T08:00:00Z',
      },
    });
    expect(await client.signals.record.mutate({ events: [ticket('t-1', 'open')] })).toMatchObject({
      accepted: 1,
    });
    expect(await client.signals.record.mutate({ events: [ticket('t-1', 'open')] })).toMatchObject({
      accepted: 0,
      duplicate: 1,
    });
    expect(await client.signals.record.mutate({ events: [ticket('t-2', 'solved')] })).toMatchObject({
      accepted: 1,
    });
    const rows = await inOrg(db, org.id, (tx) =>
      tx
        .select()
        .from(activities)
        .where(and(eq(activities.source, 'salesforce'), eq(activities.externalId, 'T-100'))),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      customerId: customer.id,
      kind: 'ticket',
      ticketStatus: 'solved',
      ticketPriority: 'urgent',
      subject: 'Exports fail',
      occurredAt: new Date('2026-11-01T08:00:00Z'),
    });
  });

  it('asks for the customer’s health to be recomputed once, however many signals arrive before it runs', async () => {
    const fresh = await aCustomer(db, org);
    const client = app.client(csm.token);
    const logins = (eventId: string, observedAt: string) => ({
      eventId,
      customerId: fresh.id,
      kind: 'usage.logins' as const,
      period: 'week' as const,
      observedAt,
      value: 10,
    });
    await client.signals.record.mutate({ events: [logins('rc-1', '2026-11-02')] });
    await client.signals.record.mutate({ events: [logins('rc-2', '2026-11-09')] });
    const waiting = await db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(eq(jobs.queue, 'health.recompute-customer'), sql`${jobs.payload}->>'customerId' = ${fresh.id}`),
      );
    expect(waiting).toHaveLength(1);
  });

  it('lets a viewer list signals but not record them', async () => {
    const viewer = await aMember(db, org, { role: 'viewer' });
    await expect(
      app.client(viewer.token).signals.record.mutate({ events: [weeklyLogins('viewer-1', 3)] }),
    ).rejects.toThrow(/requires the admin or csm role/);
    await expect(
      app.client(viewer.token).signals.list.query({ customerId: customer.id }),
    ).resolves.toBeInstanceOf(Array);
  });
});
