import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';

/** An update by id changes what it is given and nothing else. */
const suite = suiteWithApp();

async function aCsmClient() {
  const db = suite.testDb.database.db;
  return suite.app.client((await aMember(db, await anOrg(db), { role: 'csm' })).token);
}

describe('customers.upsert with an id', () => {
  it('renames a customer and keeps its segment, stage, ARR, currency, renewal and domains', async () => {
    const api = await aCsmClient();
    const created = await api.customers.upsert.mutate({
      name: 'Initech',
      segment: 'enterprise',
      stage: 'renewal',
      arrMinor: 8_500_050,
      currency: 'EUR',
      renewalDate: '2027-03-31',
      domains: ['initech.example'],
    });
    const renamed = await api.customers.upsert.mutate({ id: created.id, name: 'Initech GmbH' });
    expect(renamed).toMatchObject({
      name: 'Initech GmbH',
      segment: 'enterprise',
      stage: 'renewal',
      arrMinor: 8_500_050,
      currency: 'EUR',
      renewalDate: '2027-03-31',
      domains: ['initech.example'],
    });
    expect(await api.customers.get.query({ id: created.id })).toMatchObject(renamed);
  });

  it('replaces the domains when given, and clears the renewal date with null', async () => {
    const api = await aCsmClient();
    const created = await api.customers.upsert.mutate({
      name: 'Hooli',
      domains: ['hooli.example'],
      renewalDate: '2027-01-01',
    });
    const changed = await api.customers.upsert.mutate({
      id: created.id,
      name: 'Hooli',
      domains: ['hooli.example', 'hooli.co.example'],
      renewalDate: null,
    });
    expect(changed.domains).toEqual(['hooli.co.example', 'hooli.example']);
    expect(changed.renewalDate).toBeNull();
  });

  it('gives a new customer the defaults', async () => {
    const api = await aCsmClient();
    const created = await api.customers.upsert.mutate({ name: 'Globex' });
    expect(created).toMatchObject({
      segment: 'smb',
      stage: 'onboarding',
      arrMinor: 0,
      currency: 'USD',
      domains: [],
    });
  });
});

describe('contacts.upsert with an id', () => {
  it('moves a contact to another address and keeps its name, title and role', async () => {
    const api = await aCsmClient();
    const customer = await api.customers.upsert.mutate({ name: 'Umbrella' });
    const contact = await api.contacts.upsert.mutate({
      customerId: customer.id,
      email: 'alice@umbrella.example',
      name: 'Alice Abernathy',
      title: 'VP Operations',
      role: 'champion',
    });
    const moved = await api.contacts.upsert.mutate({
      id: contact.id,
      customerId: customer.id,
      email: 'alice.a@umbrella.example',
    });
    expect(moved).toMatchObject({
      email: 'alice.a@umbrella.example',
      name: 'Alice Abernathy',
      title: 'VP Operations',
      role: 'champion',
    });
  });
});
