import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inOrg } from '../../backend/db/tenancy.ts';
import { recomputeCustomers } from '../../backend/health/recompute.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { orgProcedure } from '../../backend/trpc/procedures.ts';
import { createCallerFactory, router } from '../../backend/trpc/trpc.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg, aTask, type Member } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * Row-level security as the last line: these probes run raw SQL inside the very transaction the real
 * `orgProcedure` opens, with no org filter of their own, so only the database stands between the
 * caller and another org's rows.
 */
const probeRouter = router({
  whoAmI: orgProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.deps.db.execute<{ user: string; org: string }>(
      sql`select current_user as "user", current_setting('app.org_id', true) as org`,
    );
    return row;
  }),
  allCustomers: orgProcedure.query(({ ctx }) =>
    ctx.deps.db.execute<{ id: string; org_id: string; name: string }>(sql`select * from customers`),
  ),
  allContacts: orgProcedure.query(({ ctx }) =>
    ctx.deps.db.execute<{ id: string; org_id: string }>(sql`select * from contacts`),
  ),
  insertCustomerFor: orgProcedure
    .input(z.object({ orgId: z.string() }))
    .mutation(({ ctx, input }) =>
      ctx.deps.db.execute(sql`insert into customers (org_id, name) values (${input.orgId}, 'x')`),
    ),
  renameCustomersOf: orgProcedure.input(z.object({ orgId: z.string() })).mutation(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.execute(
      sql`update customers set name = 'renamed' where org_id = ${input.orgId} returning id`,
    );
    return rows.length;
  }),
  deleteCustomersOf: orgProcedure.input(z.object({ orgId: z.string() })).mutation(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.execute(
      sql`delete from customers where org_id = ${input.orgId} returning id`,
    );
    return rows.length;
  }),
  /** Rows of the table in the transaction's view, and how many of them belong to another org. */
  rowsIn: orgProcedure.input(z.object({ table: z.string() })).query(async ({ ctx, input }) => {
    const [row] = await ctx.deps.db.execute<{ all: number; foreign: number }>(
      sql`select count(*)::int as all, count(*) filter (where ${sql.identifier(input.table === 'orgs' ? 'id' : 'org_id')} <> ${ctx.deps.principal.orgId})::int as foreign from ${sql.identifier(input.table)}`,
    );
    return row;
  }),
  moveOwnCustomersTo: orgProcedure
    .input(z.object({ orgId: z.string() }))
    .mutation(({ ctx, input }) => ctx.deps.db.execute(sql`update customers set org_id = ${input.orgId}`)),
});

let testDb: TestDatabase;
let app: TestApp;
let acme: OrgRef;
let globex: OrgRef;
let acmeCsm: Member;
let globexCsm: Member;
let globexCustomer: { id: string; name: string };

const probeAs = (member: Member) =>
  createCallerFactory(probeRouter)({ deps: app.deps, bearerToken: member.token, ip: '127.0.0.1' });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await startTestApp(testDb.database);
  const db = testDb.database.db;
  acme = await anOrg(db, { name: 'Acme CS' });
  globex = await anOrg(db, { name: 'Globex CS' });
  acmeCsm = await aMember(db, acme);
  globexCsm = await aMember(db, globex);
  await aCustomer(db, acme, { name: 'Initech', domains: ['initech.example'] });
  globexCustomer = await aCustomer(db, globex, { name: 'Umbrella', domains: ['umbrella.example'] });
  const alice = await aContact(db, globex, globexCustomer.id, {
    name: 'Alice Moreau',
    email: 'alice@umbrella.example',
    role: 'champion',
  });
  await anActivity(db, globex, globexCustomer.id, { subject: 'Renewal call' });
  await aTask(db, globex, globexCustomer.id, { title: 'Send the QBR deck' });
  await aMember(db, globex, { password: 'a long enough password' });
  await inOrg(db, globex.id, (tx) =>
    tx.execute(
      sql`insert into contracts (org_id, customer_id, name, start_date, end_date) values (${globex.id}, ${globexCustomer.id}, 'Platform', '2026-01-01', '2027-01-01')`,
    ),
  );
  const globexAdmin = await aMember(db, globex, { role: 'admin' });
  await app.client(globexAdmin.token).users.invite.mutate({ email: 'new.hire@globex.example', role: 'csm' });
  await seedAiRows(globexAdmin.token, globexCsm.token, globexCustomer.id);
  await seedConnectionRows(globex.id, globexCsm.id);
  await seedSignalRows(globexAdmin.token, globexCustomer.id);
  await seedActionRows(globexAdmin.token, globexCsm.token, globexCustomer.id);
  await seedHealthRows(globexAdmin.token, globexCustomer.id);
  await seedMeetingRows(globex.id, globexCsm.token, globexCustomer.id, alice.id);
});

/**
 * A call record with a speaker fixed by hand (remembered for the org) and a kept prep brief, as a CSM
 * makes them; the Zoom page that shows the call and its meeting's guests, as an import and the Calendar
 * sync keep them (the real flows need the Zoom and Calendar fakes: tests/meetings, tests/calendar-sync).
 */
async function seedMeetingRows(orgId: string, csmToken: string, customerId: string, contactId: string) {
  const csm = app.client(csmToken, { batch: false });
  const { record } = await csm.meetings.importTranscript.mutate({
    customerId,
    title: 'Umbrella renewal call',
    text: 'Ally: We need SSO before the renewal.\nSam: I will send the SSO guide by Friday.',
  });
  await csm.meetings.mapSpeaker.mutate({ id: record.id, speaker: 'Ally', contactId });
  await inOrg(testDb.database.db, orgId, async (tx) => {
    await tx.execute(
      sql`insert into zoom_recording_links (org_id, call_record_id, token, kind) values (${orgId}, ${record.id}, 'globex-play-token', 'play')`,
    );
    await tx.execute(
      sql`insert into meeting_guests (org_id, activity_id, email, name, response)
        select org_id, activity_id, 'alice@umbrella.example', 'Alice Moreau', 'accepted' from call_records where id = ${record.id}`,
    );
  });
  await csm.meetings.brief.query({
    eventId: 'globexrenewal1',
    title: 'Umbrella renewal',
    start: '2027-01-05T15:00:00Z',
    attendees: [{ email: 'alice@umbrella.example', name: 'Alice Moreau' }],
  });
}

/**
 * A model version, an outcome, a score with its history and an alert (the champion left), the ways an
 * admin and the recompute make them; a calibration run needs ten outcomes of each kind, so it is written.
 */
async function seedHealthRows(adminToken: string, customerId: string) {
  const admin = app.client(adminToken);
  const model = await admin.health.model.query();
  await admin.health.updateModel.mutate({
    weights: model.weights,
    thresholds: model.thresholds,
    dropAlertPoints: model.dropAlertPoints,
  });
  await admin.health.recordOutcome.mutate({ customerId, outcome: 'renewed', at: '2026-10-01' });
  await admin.signals.record.mutate({
    events: [
      {
        eventId: 'globex-champion-left',
        customerId,
        kind: 'stakeholder.left',
        observedAt: '2026-11-20',
        value: 1,
        detail: { name: 'Alice', role: 'champion' },
      },
    ],
  });
  const db = testDb.database.db;
  await recomputeCustomers(
    { orgId: globex.id, inOrg: (work) => inOrg(db, globex.id, work), now: new Date() },
    [customerId],
  );
  await inOrg(db, globex.id, (tx) =>
    tx.execute(
      sql`insert into health_calibrations (org_id, base_version, before, after, fitted_weights, train_count, test_count) values (${globex.id}, 1, '{}', '{}', '{}', 14, 6)`,
    ),
  );
}

/** An action waiting for approval and a policy of the org's, the ways a CSM and an admin make them. */
async function seedActionRows(adminToken: string, csmToken: string, customerId: string) {
  await app.client(adminToken).actions.updatePolicy.mutate({ kind: 'task.create', mode: 'ask' });
  await app.client(csmToken).actions.propose.mutate({
    kind: 'task.create',
    customerId,
    reason: 'Promised on the call',
    payload: { title: 'Send the SSO guide' },
  });
}

/** A health signal and an ingest token, the ways an admin and a sender make them. */
async function seedSignalRows(adminToken: string, customerId: string) {
  const admin = app.client(adminToken);
  await admin.ingestTokens.create.mutate({ name: 'Globex warehouse' });
  await admin.signals.record.mutate({
    events: [{ eventId: 'globex-nps-1', customerId, kind: 'survey.nps', observedAt: '2026-11-02', value: 9 }],
  });
}

/** A Google connection, a pending authorisation and a Calendar sync's state: the real flow needs the OAuth fakes (tests/integrations). */
async function seedConnectionRows(orgId: string, userId: string) {
  await inOrg(testDb.database.db, orgId, async (tx) => {
    await tx.execute(
      sql`insert into connections (org_id, user_id, provider, account, tokens_sealed, scopes, connected_by) values (${orgId}, ${userId}, 'google', 'csm@globex.example', 'v1:sealed', '{}', ${userId})`,
    );
    await tx.execute(
      sql`insert into oauth_states (org_id, user_id, provider, state_hash, verifier_sealed, expires_at) values (${orgId}, ${userId}, 'google', 'globex-state-hash', 'v1:sealed', now() + interval '10 minutes')`,
    );
    await tx.execute(
      sql`insert into calendar_syncs (org_id, user_id, sync_token, last_synced_at, last_recorded) values (${orgId}, ${userId}, 'globex-sync-token', now(), 3)`,
    );
  });
}

/** The AI layer's tables get rows the way users make them: settings, an analysed thread, a draft sent after an edit. */
async function seedAiRows(adminToken: string, csmToken: string, customerId: string) {
  await app.client(adminToken).ai.updateSettings.mutate({ redaction: true });
  const thread = {
    threadId: 'globex-thread-1',
    subject: 'Renewal',
    messages: [
      {
        from: { email: 'alice@umbrella.example', name: 'Alice' },
        sentAt: null,
        text: 'Could you send the renewal quote?',
      },
    ],
  };
  let draftId = '';
  const events = await app.client(csmToken, { stream: true }).drafts.generate.mutate({ customerId, thread });
  for await (const event of events) if (event.type === 'done') draftId = event.draftId;
  await app
    .client(csmToken)
    .drafts.recordSent.mutate({ draftId, sentText: 'Hi Alice, the quote follows today.' });
}
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

describe('inside a request transaction', () => {
  it('queries as the application role with the caller’s org set', async () => {
    expect(await probeAs(acmeCsm).whoAmI()).toEqual({ user: 'cscx_app', org: acme.id });
  });

  it('a raw SELECT * sees the caller’s rows and none of another org’s', async () => {
    const customers = await probeAs(acmeCsm).allCustomers();
    expect(customers.map((c) => c.name)).toEqual(['Initech']);
    expect(customers.every((c) => c.org_id === acme.id)).toBe(true);
    expect(await probeAs(acmeCsm).allContacts()).toEqual([]);
    expect((await probeAs(globexCsm).allContacts()).length).toBe(1);
  });

  it('a raw SELECT of every org-owned table sees none of another org’s rows, though that org has some in each', async () => {
    const tables = await testDb.database.sql<{ table: string }[]>`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity order by 1`;
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const { table } of tables) {
      const seenByGlobex = await probeAs(globexCsm).rowsIn({ table });
      expect(seenByGlobex?.all, `Globex has rows in ${table}`).toBeGreaterThan(0);
      expect(await probeAs(acmeCsm).rowsIn({ table }), table).toMatchObject({ foreign: 0 });
    }
  });

  it('refuses to write a row for another org, and commits nothing', async () => {
    expect(await codeOf(probeAs(acmeCsm).insertCustomerFor({ orgId: globex.id }))).toBe('FORBIDDEN');
    expect((await probeAs(globexCsm).allCustomers()).map((c) => c.name)).toEqual(['Umbrella']);
  });

  it('cannot update or delete another org’s rows, nor move its own rows into another org', async () => {
    expect(await probeAs(acmeCsm).renameCustomersOf({ orgId: globex.id })).toBe(0);
    expect(await probeAs(acmeCsm).deleteCustomersOf({ orgId: globex.id })).toBe(0);
    expect(await codeOf(probeAs(acmeCsm).moveOwnCustomersTo({ orgId: globex.id }))).toBe('FORBIDDEN');
    expect((await probeAs(globexCsm).allCustomers()).map((c) => c.name)).toEqual(['Umbrella']);
    expect((await probeAs(acmeCsm).allCustomers()).map((c) => c.name)).toEqual(['Initech']);
  });
});

describe('another org’s customer, asked for by id through the API', () => {
  it('is not found by customers.get or customers.context', async () => {
    const client = app.client(acmeCsm.token);
    expect(await errorOf(client.customers.get.query({ id: globexCustomer.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(client.customers.context.query({ customerId: globexCustomer.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('has an empty timeline', async () => {
    const timeline = await app
      .client(acmeCsm.token)
      .customers.timeline.query({ customerId: globexCustomer.id });
    expect(timeline).toEqual({ items: [], nextCursor: null });
  });

  it('cannot have contacts linked or upserted to it, nor be overwritten by an upsert with its id', async () => {
    const client = app.client(acmeCsm.token);
    expect(
      await errorOf(
        client.contacts.link.mutate({ email: 'bob@umbrella.example', customerId: globexCustomer.id }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await errorOf(
        client.contacts.upsert.mutate({ email: 'bob@umbrella.example', customerId: globexCustomer.id }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await errorOf(client.customers.upsert.mutate({ id: globexCustomer.id, name: 'Hijacked' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const untouched = await app.client(globexCsm.token).customers.get.query({ id: globexCustomer.id });
    expect(untouched.name).toBe('Umbrella');
    expect(untouched.contacts.map((c) => c.email)).toEqual(['alice@umbrella.example']);
  });

  it('is not matched by its contact’s address or its domain, and not found by a search for its name', async () => {
    const client = app.client(acmeCsm.token);
    const context = await client.customers.context.query({
      emails: ['alice@umbrella.example', 'carol@umbrella.example'],
    });
    expect(context).toMatchObject({ candidates: [], customer: null });
    expect((await client.customers.list.query({ search: 'umbrella' })).items).toEqual([]);
  });

  it('does not stop another org using the same domain and contact address for its own customer', async () => {
    const hooli = await anOrg(testDb.database.db);
    const client = app.client((await aMember(testDb.database.db, hooli)).token);
    const own = await client.customers.upsert.mutate({
      name: 'Umbrella (ours)',
      domains: ['umbrella.example'],
    });
    const contact = await client.contacts.upsert.mutate({
      email: 'alice@umbrella.example',
      customerId: own.id,
    });
    expect(contact.customerId).toBe(own.id);
    const context = await client.customers.context.query({ emails: ['alice@umbrella.example'] });
    expect(context.candidates.map((c) => c.customer.id)).toEqual([own.id]);
  });

  it('cannot be given an owner from another org', async () => {
    const error = await errorOf(
      app.client(acmeCsm.token).customers.upsert.mutate({ name: 'Owned elsewhere', ownerId: globexCsm.id }),
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
