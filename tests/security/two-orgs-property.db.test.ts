import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import type { TestApp } from '../support/test-app.ts';

/**
 * Two orgs that share customer names, domains and contact addresses (as two CS teams selling to the same
 * companies do) work through the real API in random order. Whatever they do, neither ever receives
 * a row of the other's.
 */

const suite = suiteWithApp();

const names = ['Initech', 'Umbrella', 'Globex', 'Hooli', 'Acme Corp'];
const domains = ['initech.example', 'umbrella.example', 'eu.umbrella.example', 'globex.example', 'gmail.com'];
const people = ['ana', 'ben', 'cy'];
const side = fc.constantFrom(0, 1);
const address = fc.record({ person: fc.constantFrom(...people), domain: fc.constantFrom(...domains) });

const command = fc.oneof(
  fc.record({
    kind: fc.constant('upsertCustomer' as const),
    side,
    name: fc.constantFrom(...names),
    domains: fc.uniqueArray(fc.constantFrom(...domains.filter((d) => d !== 'gmail.com')), { maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('upsertContact' as const),
    side,
    pick: fc.nat(),
    address,
    linkOnly: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('context' as const),
    side,
    addresses: fc.array(address, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('list' as const),
    side,
    search: fc.constantFrom('', 'init', 'umbrella', 'example', 'Hooli', '%'),
  }),
  fc.record({ kind: fc.constant('get' as const), side, pick: fc.nat(), ofOther: fc.boolean() }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** What one org has written, by the ids the API gave back. */
interface Team {
  client: ReturnType<TestApp['client']>;
  customerIds: string[];
  contactIds: Set<string>;
  /** Address → the customer its contact belongs to now. */
  contactOf: Map<string, string>;
  domainOwners: Map<string, string>;
}

async function twoTeams(): Promise<[Team, Team]> {
  const db = suite.testDb.database.db;
  const team = async (): Promise<Team> => ({
    client: suite.app.client((await aMember(db, await anOrg(db), { role: 'csm' })).token, { batch: false }),
    customerIds: [],
    contactIds: new Set(),
    contactOf: new Map(),
    domainOwners: new Map(),
  });
  return [await team(), await team()];
}

const emailOf = (a: { person: string; domain: string }) => `${a.person}@${a.domain}`;

async function run(step: Command, teams: [Team, Team]) {
  const me = teams[step.side]!;
  const other = teams[1 - step.side]!;
  const mine = (id: string) => expect(me.customerIds, 'a customer id of the other org').toContain(id);

  switch (step.kind) {
    case 'upsertCustomer': {
      const taken = step.domains.filter((d) => me.domainOwners.has(d));
      if (taken.length > 0) {
        // Only a domain of the caller's own org may clash; the other org's domains are invisible.
        expect(await errorOf(me.client.customers.upsert.mutate(step))).toMatchObject({ code: 'CONFLICT' });
        return;
      }
      const created = await me.client.customers.upsert.mutate(step);
      me.customerIds.push(created.id);
      for (const d of created.domains) me.domainOwners.set(d, created.id);
      expect(created.domains).toEqual([...step.domains].sort());
      return;
    }
    case 'upsertContact': {
      const email = emailOf(step.address);
      const customerId = me.customerIds[step.pick % Math.max(me.customerIds.length, 1)];
      if (!customerId) return;
      const contact = step.linkOnly
        ? await me.client.contacts.link.mutate({ email, customerId })
        : await me.client.contacts.upsert.mutate({ email, customerId, role: 'champion' });
      expect(contact.customerId).toBe(customerId);
      me.contactIds.add(contact.id);
      me.contactOf.set(email, customerId);
      return;
    }
    case 'context': {
      const emails = step.addresses.map(emailOf);
      const context = await me.client.customers.context.query({ emails });
      for (const candidate of context.candidates) mine(candidate.customer.id);
      for (const contact of context.customer?.matchedContacts ?? []) {
        expect(me.contactIds, 'a contact of the other org').toContain(contact.id);
      }
      const ids = context.candidates.map((c) => c.customer.id);
      for (const email of emails) {
        const known = me.contactOf.get(email);
        if (known) expect(ids, `${email} is the caller's own contact`).toContain(known);
      }
      return;
    }
    case 'list': {
      const { items } = await me.client.customers.list.query({
        limit: 200,
        ...(step.search ? { search: step.search } : {}),
      });
      for (const item of items) mine(item.id);
      if (!step.search) expect(items.map((i) => i.id).sort()).toEqual([...me.customerIds].sort());
      return;
    }
    case 'get': {
      const pool = step.ofOther ? other.customerIds : me.customerIds;
      const id = pool[step.pick % Math.max(pool.length, 1)];
      if (!id) return;
      if (step.ofOther) {
        expect(await errorOf(me.client.customers.get.query({ id }))).toMatchObject({ code: 'NOT_FOUND' });
      } else {
        const detail = await me.client.customers.get.query({ id });
        for (const contact of detail.contacts) expect(me.contactIds).toContain(contact.id);
      }
      return;
    }
  }
}

describe('two orgs working at once', () => {
  it('never see each other’s customers or contacts, whatever they read and write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (commands) => {
        const teams = await twoTeams();
        for (const step of commands) await run(step, teams);
      }),
      { numRuns: 25 },
    );
  });
});
