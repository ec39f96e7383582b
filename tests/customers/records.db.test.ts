import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anActivity, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp({ clock: { now: () => new Date('2026-11-23T12:00:00Z') } });

async function csmOfNewOrg() {
  const db = suite.testDb.database.db;
  const org = await anOrg(db);
  const csm = await aMember(db, org, { role: 'csm' });
  return { db, org, csm, api: suite.app.client(csm.token) };
}

describe('customers.list', () => {
  it('pages through every customer by name without repeats', async () => {
    const { db, org, api } = await csmOfNewOrg();
    for (const name of ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo']) await aCustomer(db, org, { name });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.customers.list.query({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
  });

  it('searches names and domains, and filters by owner, stage and renewal window', async () => {
    const { db, org, csm, api } = await csmOfNewOrg();
    await aCustomer(db, org, {
      name: 'Northwind',
      domains: ['northwind.example'],
      renewalDate: '2026-12-10',
      ownerId: csm.id,
    });
    await aCustomer(db, org, {
      name: 'Contoso',
      domains: ['contoso-north.example'],
      renewalDate: '2027-09-01',
      stage: 'growth',
    });
    await aCustomer(db, org, { name: 'Fabrikam', renewalDate: '2026-11-01' });

    const names = async (input: Parameters<typeof api.customers.list.query>[0]) =>
      (await api.customers.list.query(input)).items.map((c) => c.name);
    expect(await names({ search: 'NORTH' })).toEqual(['Contoso', 'Northwind']);
    expect(await names({ search: '100%_' })).toEqual([]);
    expect(await names({ ownerId: csm.id })).toEqual(['Northwind']);
    expect(await names({ stage: 'growth' })).toEqual(['Contoso']);
    expect(await names({ renewalWithinDays: 30 })).toEqual(['Northwind']);
  });

  it('rejects a tampered cursor with a clear error', async () => {
    const { api } = await csmOfNewOrg();
    expect(await errorOf(api.customers.list.query({ cursor: 'bm90IGpzb24' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'invalid cursor',
    });
  });
});

describe('customers.upsert', () => {
  it('creates, then updates by id, replacing the domain list and recording both in the audit log', async () => {
    const { api } = await csmOfNewOrg();
    const created = await api.customers.upsert.mutate({
      name: 'Vandelay',
      domains: ['Vandelay.example', '@import.vandelay.example'],
      arrMinor: 990_000,
    });
    expect(created).toMatchObject({
      name: 'Vandelay',
      domains: ['import.vandelay.example', 'vandelay.example'],
      arrMinor: 990_000,
      currency: 'USD',
    });

    const updated = await api.customers.upsert.mutate({
      id: created.id,
      name: 'Vandelay Industries',
      domains: ['vandelay.example'],
      currency: 'eur',
    });
    expect(updated).toMatchObject({
      id: created.id,
      name: 'Vandelay Industries',
      domains: ['vandelay.example'],
      currency: 'EUR',
    });
    const detail = await api.customers.get.query({ id: created.id });
    expect(detail.domains).toEqual(['vandelay.example']);
  });

  it('upserts by source and external id, so a sync does not duplicate', async () => {
    const { api } = await csmOfNewOrg();
    const first = await api.customers.upsert.mutate({
      name: 'Kramerica',
      source: 'salesforce',
      externalId: '001A',
    });
    const second = await api.customers.upsert.mutate({
      name: 'Kramerica Inc',
      source: 'salesforce',
      externalId: '001A',
    });
    expect(second.id).toBe(first.id);
    expect((await api.customers.list.query({ search: 'kramerica' })).items).toHaveLength(1);
  });

  it('refuses a domain that belongs to another customer, naming it', async () => {
    const { api } = await csmOfNewOrg();
    await api.customers.upsert.mutate({ name: 'Pendant', domains: ['pendant.example'] });
    const error = await errorOf(
      api.customers.upsert.mutate({ name: 'Copycat', domains: ['pendant.example'] }),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', httpStatus: 409 });
    expect(error.message).toContain('pendant.example');
  });

  it('explains each invalid field', async () => {
    const { api } = await csmOfNewOrg();
    const error = await errorOf(
      api.customers.upsert.mutate({ name: 'Bad', domains: ['not a domain'], currency: 'euro', arrMinor: -5 }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues?.map((i) => i.path.join('.')).sort()).toEqual(['arrMinor', 'currency', 'domains.0']);
  });
});

describe('contacts', () => {
  it('links an address to the right customer when matching was wrong, keeping what was known', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const wrong = await aCustomer(db, org, { name: 'Wrong Co', domains: ['wrong.example'] });
    const right = await aCustomer(db, org, { name: 'Right Co' });
    await aContact(db, org, wrong.id, {
      email: 'pat@wrong.example',
      name: 'Pat',
      title: 'CTO',
      role: 'technical',
    });

    const linked = await api.contacts.link.mutate({ email: 'PAT@wrong.example', customerId: right.id });
    expect(linked).toMatchObject({ customerId: right.id, name: 'Pat', title: 'CTO', role: 'technical' });
    const context = await api.customers.context.query({ emails: ['pat@wrong.example'] });
    expect(context.customer?.name).toBe('Right Co');
  });

  it('creates a contact for a new address and updates it on the next upsert', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const customer = await aCustomer(db, org);
    const created = await api.contacts.upsert.mutate({
      customerId: customer.id,
      email: 'Lee@Client.example',
      name: 'Lee',
    });
    const updated = await api.contacts.upsert.mutate({
      customerId: customer.id,
      email: 'lee@client.example',
      name: 'Lee Park',
      role: 'champion',
    });
    expect(updated).toMatchObject({
      id: created.id,
      email: 'lee@client.example',
      name: 'Lee Park',
      role: 'champion',
    });
    expect((await api.customers.get.query({ id: customer.id })).contacts).toHaveLength(1);
  });
});

describe('customers.timeline', () => {
  it('pages newest first through every activity', async () => {
    const { db, org, api } = await csmOfNewOrg();
    const customer = await aCustomer(db, org);
    const at = new Date('2026-11-01T09:00:00Z');
    for (let i = 0; i < 7; i++)
      await anActivity(db, org, customer.id, {
        subject: `A${i}`,
        occurredAt: new Date(at.getTime() + (i % 3) * 3600_000),
      });
    const subjects: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.customers.timeline.query({
        customerId: customer.id,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      subjects.push(...page.items.map((a) => a.subject));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(subjects).toHaveLength(7);
    expect(new Set(subjects).size).toBe(7);
    expect(subjects.slice(0, 2).sort()).toEqual(['A2', 'A5']);
  });
});
