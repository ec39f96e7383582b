import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg, aTask, type Member } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

/**
 * Tenancy has three layers: the org filter every query carries, row-level security, and keys that
 * name the org. This file switches row-level security off in its own database copy, so what is left
 * standing here is the filters (through the API) and the keys (through raw statements).
 */

const suite = suiteWithApp();
let acme: OrgRef;
let globex: OrgRef;
let acmeAdmin: Member;
let globexAdmin: Member;
let globexCustomer: { id: string };
let globexContact: { id: string };

const orgOwnedTables = async () => {
  const rows = await suite.testDb.database.sql<{ table: string }[]>`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity`;
  return rows.map((r) => r.table);
};

beforeAll(async () => {
  const { database } = suite.testDb;
  for (const table of await orgOwnedTables()) {
    await database.sql.unsafe(
      `alter table "${table}" no force row level security, disable row level security`,
    );
  }
  acme = await anOrg(database.db, { name: 'Acme CS' });
  globex = await anOrg(database.db, { name: 'Globex CS' });
  acmeAdmin = await aMember(database.db, acme, { role: 'admin' });
  globexAdmin = await aMember(database.db, globex, { role: 'admin' });
  globexCustomer = await aCustomer(database.db, globex, { name: 'Umbrella', domains: ['umbrella.example'] });
  globexContact = await aContact(database.db, globex, globexCustomer.id, { email: 'alice@umbrella.example' });
  await anActivity(database.db, globex, globexCustomer.id, { subject: 'Renewal call' });
  await aTask(database.db, globex, globexCustomer.id, { title: 'Send the QBR deck' });
});

describe('with row-level security switched off', () => {
  it('is really off: a raw statement in Acme’s transaction sees Globex’s customer', async () => {
    const rows = await inOrg(suite.testDb.database.db, acme.id, (tx) =>
      tx.execute<{ name: string }>(sql`select name from customers`),
    );
    expect(rows.map((r) => r.name)).toContain('Umbrella');
  });

  it('the API still shows Acme none of Globex’s customers, contacts, timeline or members', async () => {
    const acmeApi = suite.app.client(acmeAdmin.token);
    expect((await acmeApi.customers.list.query({})).items).toEqual([]);
    expect((await acmeApi.customers.list.query({ search: 'umbrella' })).items).toEqual([]);
    expect(await errorOf(acmeApi.customers.get.query({ id: globexCustomer.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(acmeApi.customers.context.query({ customerId: globexCustomer.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await acmeApi.customers.context.query({ emails: ['alice@umbrella.example'] })).toMatchObject({
      customer: null,
      candidates: [],
    });
    expect(await acmeApi.customers.timeline.query({ customerId: globexCustomer.id })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await acmeApi.users.list.query()).map((u) => u.id)).toEqual([acmeAdmin.id]);
    expect((await acmeApi.tokens.list.query({})).every((t) => t.userId === acmeAdmin.id)).toBe(true);
    expect(await acmeApi.tokens.list.query({ userId: globexAdmin.id })).toEqual([]);
    expect((await acmeApi.org.get.query()).id).toBe(acme.id);
  });

  it('the API still lets Acme change nothing of Globex’s', async () => {
    const acmeApi = suite.app.client(acmeAdmin.token);
    const globexApi = suite.app.client(globexAdmin.token);
    const [globexToken] = await globexApi.tokens.list.query({});
    expect(globexToken).toBeDefined();
    const refusals = await Promise.all([
      errorOf(acmeApi.customers.upsert.mutate({ id: globexCustomer.id, name: 'Hijacked' })),
      errorOf(acmeApi.customers.upsert.mutate({ name: 'Owned elsewhere', ownerId: globexAdmin.id })),
      errorOf(acmeApi.contacts.link.mutate({ email: 'bob@umbrella.example', customerId: globexCustomer.id })),
      errorOf(
        acmeApi.contacts.upsert.mutate({ email: 'bob@umbrella.example', customerId: globexCustomer.id }),
      ),
      errorOf(acmeApi.users.setRole.mutate({ userId: globexAdmin.id, role: 'viewer' })),
      errorOf(acmeApi.users.remove.mutate({ userId: globexAdmin.id })),
      errorOf(acmeApi.tokens.revoke.mutate({ id: globexToken?.id ?? '' })),
    ]);
    expect(refusals.map((r) => r.code)).toEqual([
      'NOT_FOUND',
      'BAD_REQUEST',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    const untouched = await globexApi.customers.get.query({ id: globexCustomer.id });
    expect(untouched).toMatchObject({ name: 'Umbrella', contacts: [{ email: 'alice@umbrella.example' }] });
    expect(await globexApi.auth.me.query()).toMatchObject({ user: { role: 'admin' } });
  });
});

describe('the keys, with every filter bypassed', () => {
  const refusedAsForeignKey = (statement: ReturnType<typeof sql>) =>
    inOrg(suite.testDb.database.db, acme.id, (tx) => tx.execute(statement)).then(
      () => 'allowed',
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );

  it('refuse a row of one org that points at another org’s customer, contact or member', async () => {
    const a = acme.id;
    const statements = [
      sql`insert into contacts (org_id, customer_id, email) values (${a}, ${globexCustomer.id}, 'x@y.example')`,
      sql`insert into customer_domains (org_id, customer_id, domain) values (${a}, ${globexCustomer.id}, 'y.example')`,
      sql`insert into contracts (org_id, customer_id, name, start_date, end_date) values (${a}, ${globexCustomer.id}, 'c', '2026-01-01', '2027-01-01')`,
      sql`insert into activities (org_id, customer_id, kind, occurred_at) values (${a}, ${globexCustomer.id}, 'email', now())`,
      sql`insert into tasks (org_id, customer_id, title) values (${a}, ${globexCustomer.id}, 't')`,
      sql`insert into customers (org_id, name, owner_id) values (${a}, 'c', ${globexAdmin.id})`,
      sql`insert into auth_tokens (org_id, user_id, kind, prefix, token_hash, expires_at) values (${a}, ${globexAdmin.id}, 'pat', 'p', 'h', now())`,
      sql`insert into tasks (org_id, title, assignee_id) values (${a}, 't', ${globexAdmin.id})`,
    ];
    for (const statement of statements) expect(await refusedAsForeignKey(statement)).toBe('23503');
    const ownCustomer = await aCustomer(suite.testDb.database.db, acme);
    expect(
      await refusedAsForeignKey(
        sql`insert into activities (org_id, customer_id, contact_id, kind, occurred_at) values (${a}, ${ownCustomer.id}, ${globexContact.id}, 'email', now())`,
      ),
    ).toBe('23503');
  });

  it('refuse moving a contact into another org while its customer stays behind', async () => {
    const code = await inOrg(suite.testDb.database.db, globex.id, (tx) =>
      tx.execute(sql`update contacts set org_id = ${acme.id} where id = ${globexContact.id}`),
    ).then(
      () => 'allowed',
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(code).toBe('23503');
  });
});
