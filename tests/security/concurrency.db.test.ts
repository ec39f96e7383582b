import { describe, expect, it } from 'vitest';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aContact, aCustomer, aMember, anOrg, type Member } from '../support/builders.ts';

/**
 * Many requests in flight at once, from two orgs, each with its own transaction and org setting:
 * none may see the other's org setting, rows, or lose a write.
 */

const suite = suiteWithApp();

interface Team {
  org: OrgRef;
  member: Member;
  /** Every customer name this org's rows carry starts with it. */
  prefix: string;
  contactEmail: string;
  customerId: string;
}

async function aTeam(prefix: string): Promise<Team> {
  const db = suite.testDb.database.db;
  const org = await anOrg(db);
  const member = await aMember(db, org, { role: 'csm' });
  const customer = await aCustomer(db, org, { name: `${prefix} seed`, domains: ['shared-customer.example'] });
  const contactEmail = 'buyer@shared-customer.example';
  await aContact(db, org, customer.id, { email: contactEmail, name: `${prefix} buyer` });
  return { org, member, prefix, contactEmail, customerId: customer.id };
}

describe('fifty requests from two orgs at once', () => {
  it('all succeed, each sees only its own org, and every write is there afterwards', async () => {
    const teams = [await aTeam('Alpha'), await aTeam('Bravo')] as const;
    const written = new Map<Team, string[]>(teams.map((t) => [t, [`${t.prefix} seed`]]));

    /** One request; resolves to the names of the rows it was shown. */
    const request = async (i: number, team: Team): Promise<string[]> => {
      const client = suite.app.client(team.member.token, { batch: false });
      const n = Math.floor(i / 2);
      switch (i % 10) {
        case 0:
        case 1:
        case 2:
        case 3: {
          // Both orgs write customers with the same domains: a domain is unique per org only.
          const name = `${team.prefix} ${String(n).padStart(2, '0')}`;
          written.get(team)!.push(name);
          const created = await client.customers.upsert.mutate({ name, domains: [`c${n}.shared.example`] });
          return [created.name];
        }
        case 4:
        case 5:
          return (await client.customers.list.query({ limit: 200 })).items.map((c) => c.name);
        case 6:
        case 7: {
          const context = await client.customers.context.query({
            emails: [team.contactEmail, 'someone@shared-customer.example'],
          });
          expect(context.customer?.id).toBe(team.customerId);
          return [
            ...context.candidates.map((c) => c.customer.name),
            ...(context.customer?.matchedContacts.map((c) => c.name) ?? []),
          ];
        }
        case 8:
          return [(await client.customers.get.query({ id: team.customerId })).name];
        default: {
          const me = await client.auth.me.query();
          expect(me.org.id).toBe(team.org.id);
          return [];
        }
      }
    };
    const burst = Array.from({ length: 50 }, (_, i) => teams[i % 2]!);
    const seen = await Promise.all(burst.map(async (team, i) => ({ team, names: await request(i, team) })));
    for (const { team, names } of seen) {
      const foreign = names.filter((name) => !name.startsWith(team.prefix));
      expect(foreign, `${team.prefix} was shown another org's rows`).toEqual([]);
    }

    for (const team of teams) {
      const { items } = await suite.app.client(team.member.token).customers.list.query({ limit: 200 });
      const expected = written.get(team)!;
      expect(expected.length).toBeGreaterThan(10);
      expect(items.map((c) => c.name).sort()).toEqual([...expected].sort());
      expect(new Set(items.flatMap((c) => c.domains)).size).toBe(expected.length);
    }
  });
});
