import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { healthSignals } from '../../backend/signals/schema.ts';
import { aCustomer, aMember, anOrg, type Member } from '../support/builders.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
let app: TestApp;
let db: Db;
let org: OrgRef;
let admin: Member;
let customer: { id: string };
let token: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  app = await startTestApp(testDb.database);
  org = await anOrg(db);
  admin = await aMember(db, org, { role: 'admin' });
  customer = await aCustomer(db, org, { externalId: 'acme-42', source: 'crm' });
  ({ token } = await app.client(admin.token).ingestTokens.create.mutate({ name: 'warehouse' }));
});
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const post = (body: string, bearer: string | undefined = token, type = 'application/json') =>
  app.fetch('/ingest/v1/events', {
    method: 'POST',
    headers: { 'content-type': type, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body,
  });

const nps = (eventId: string, value: number, ref: Record<string, string> = { externalId: 'acme-42' }) => ({
  eventId,
  ...ref,
  kind: 'survey.nps',
  observedAt: '2026-11-10T12:00:00Z',
  value,
});

const signalsOf = (orgId: string, customerId: string) =>
  inOrg(db, orgId, async (tx) => {
    const [row] = await tx
      .select({ n: count() })
      .from(healthSignals)
      .where(eq(healthSignals.customerId, customerId));
    return row?.n ?? 0;
  });

describe('POST /ingest/v1/events', () => {
  it('answers a mixed batch with 202, the counts and a reason for each rejected event', async () => {
    const other = await anOrg(db);
    const theirs = await aCustomer(db, other);
    const events = [
      nps('mix-1', 9),
      nps('mix-2', 12),
      { kind: 'survey.nps', externalId: 'acme-42', observedAt: '2026-11-10', value: 7 },
      nps('mix-3', 4, { customerId: theirs.id }),
      'not an event',
      nps('mix-1', 9),
    ];
    const response = await post(JSON.stringify({ events }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 1,
      duplicate: 1,
      rejected: [
        { index: 1, eventId: 'mix-2', reason: 'survey.nps value 12 is outside 0–10' },
        { index: 2, eventId: null, reason: 'eventId is required' },
        { index: 3, eventId: 'mix-3', reason: `customer not found: customerId '${theirs.id}'` },
        { index: 4, eventId: null, reason: 'Invalid input: expected object, received string' },
      ],
    });
    expect(await signalsOf(other.id, theirs.id)).toBe(0);
  });

  it('is idempotent by event id: the same batch again is all duplicates, no new rows', async () => {
    const body = JSON.stringify({ events: [nps('again-1', 8), nps('again-2', 6)] });
    expect(await (await post(body)).json()).toMatchObject({ accepted: 2, duplicate: 0 });
    const rows = await signalsOf(org.id, customer.id);
    expect(await (await post(body)).json()).toMatchObject({ accepted: 0, duplicate: 2 });
    expect(await signalsOf(org.id, customer.id)).toBe(rows);
  });

  it('answers 401, the same way, with no token, a wrong one, an unknown one, or a session token', async () => {
    const unknown = `cscx_ing_${'A'.repeat(43)}`;
    const body = JSON.stringify({ events: [nps('auth-1', 5)] });
    const answers = await Promise.all(
      ['', 'garbage', unknown, admin.token].map(async (bearer) => {
        const response = await post(body, bearer);
        return { status: response.status, body: await response.json() };
      }),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.status).toBe(401);
  });

  it('refuses a revoked token on its next request', async () => {
    const client = app.client(admin.token);
    const issued = await client.ingestTokens.create.mutate({ name: 'to revoke' });
    const body = JSON.stringify({ events: [nps('rev-1', 5)] });
    expect((await post(body, issued.token)).status).toBe(202);
    await client.ingestTokens.revoke.mutate({ id: issued.info.id });
    expect((await post(body, issued.token)).status).toBe(401);
    const listed = await client.ingestTokens.list.query();
    expect(listed.find((t) => t.id === issued.info.id)).toMatchObject({ prefix: issued.token.slice(0, 13) });
    expect(listed.find((t) => t.id === issued.info.id)?.revokedAt).not.toBeNull();
    expect(listed.find((t) => t.id === issued.info.id)?.lastUsedAt).not.toBeNull();
  });

  it('answers bad input with a 400 that says what is wrong, never a 500', async () => {
    const cases: [string, string, RegExp][] = [
      ['{"events": [', 'application/json', /not valid JSON/],
      ['', 'application/json', /empty/],
      ['[]', 'application/json', /JSON object with an events array/],
      ['{"events": {}}', 'application/json', /events must be an array/],
      ['{"events": []}', 'application/json', /events is empty/],
    ];
    for (const [body, type, message] of cases) {
      const response = await post(body, token, type);
      expect(response.status, body).toBe(400);
      expect((await response.json()).error).toMatch(message);
    }
    const wrongType = await post('events=1', token, 'application/x-www-form-urlencoded');
    expect(wrongType.status).toBe(415);
  });

  it('rejects odd events one by one and still answers 202, never a 500', async () => {
    const base = nps('odd-base', 5);
    const odd: unknown[] = [
      null,
      42,
      [],
      {},
      { ...base, eventId: 'odd-1', value: '7' },
      { ...base, eventId: 'odd-2', customerId: 'not-a-uuid', externalId: undefined },
      { ...base, eventId: 'odd-3', detail: { shoeSize: 44 } },
      { ...base, eventId: 'odd-4', observedAt: '2026-02-30' },
      { ...base, eventId: 'odd-5', kind: 'usage.everything' },
      { ...base, eventId: 'x'.repeat(5000) },
      { ...base, eventId: 'odd-6', externalId: 'acme-42', domain: 'acme.example' },
      { ...base, eventId: 'odd-7', kind: 'ticket', ticket: { id: 'T-9' } },
      { ...base, eventId: 'odd-8', source: "'; drop table customers; --" },
      { ...base, eventId: 'odd-9', externalId: '\u0000\u{1F600}"\\' },
    ];
    const response = await post(JSON.stringify({ events: odd }));
    expect(response.status).toBe(202);
    const outcome = await response.json();
    expect(outcome).toMatchObject({ accepted: 0, duplicate: 0 });
    expect(outcome.rejected.map((r: { index: number }) => r.index)).toEqual(odd.map((_, i) => i));
    for (const r of outcome.rejected) expect(r.reason.length).toBeGreaterThan(5);
  });

  it('refuses 1,001 events with 400 and a body over 1 MiB with 413, writing nothing', async () => {
    const before = await signalsOf(org.id, customer.id);
    const many = Array.from({ length: 1001 }, (_, i) => nps(`many-${i}`, 5));
    const tooMany = await post(JSON.stringify({ events: many }));
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toMatch(/at most 1000 events/);

    const padding = 'x'.repeat(1100 * 1024);
    const tooBig = await post(JSON.stringify({ events: [{ ...nps('big-1', 5), padding }] }));
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).toMatch(/larger than 1 MiB/);
    expect(await signalsOf(org.id, customer.id)).toBe(before);
  });

  it('logs the path only, never the token or the body', async () => {
    await post(JSON.stringify({ events: [nps('log-1', 5)] }));
    const lines = app.logLines.filter((l) => l.includes('/ingest/v1/events'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of app.logLines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain('log-1');
    }
  });

  it('limits requests per token: one token over its minute is refused with 429, another token is not', async () => {
    const limited = await startTestApp(testDb.database, { env: { CSCX_RATE_LIMIT: '3' } });
    try {
      const second = await app.client(admin.token).ingestTokens.create.mutate({ name: 'second' });
      const send = (bearer: string) =>
        limited.fetch('/ingest/v1/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ events: [nps('limit-1', 5)] }),
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await send(token)).status);
      expect(statuses).toEqual([202, 202, 202, 429]);
      expect((await send(second.token)).status).toBe(202);
    } finally {
      await limited.close();
    }
  });

  it('lets only an admin manage ingest tokens', async () => {
    const csm = await aMember(db, org, { role: 'csm' });
    await expect(app.client(csm.token).ingestTokens.list.query()).rejects.toThrow(/requires the admin role/);
  });
});
