import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp();

async function anAdminsOrg() {
  const db = suite.testDb.database.db;
  const org = await anOrg(db);
  const admin = await aMember(db, org, { role: 'admin' });
  return { org, client: suite.app.client(admin.token) };
}

describe("org.domainConflicts: the customers that own a domain the admin would make the org's own", () => {
  it('names the customer of each domain, read as the API reads domains', async () => {
    const { org, client } = await anAdminsOrg();
    const acme = await aCustomer(suite.testDb.database.db, org, {
      name: 'Acme Corp',
      domains: ['acme.example', 'acme.io'],
    });
    const conflicts = await client.org.domainConflicts.query({
      domains: ['ACME.example', '@acme.io', 'ours.example'],
    });
    expect(conflicts).toEqual([
      { domain: 'acme.example', customerId: acme.id, customerName: 'Acme Corp' },
      { domain: 'acme.io', customerId: acme.id, customerName: 'Acme Corp' },
    ]);
  });

  it('is empty when no customer owns any of them', async () => {
    const { org, client } = await anAdminsOrg();
    await aCustomer(suite.testDb.database.db, org, { domains: ['initech.example'] });
    expect(await client.org.domainConflicts.query({ domains: ['ours.example'] })).toEqual([]);
  });

  it("says nothing of another org's customers", async () => {
    const { client } = await anAdminsOrg();
    const other = await anOrg(suite.testDb.database.db);
    await aCustomer(suite.testDb.database.db, other, { name: 'Theirs', domains: ['shared.example'] });
    expect(await client.org.domainConflicts.query({ domains: ['shared.example'] })).toEqual([]);
  });

  it('is for admins only, like the setting it warns about', async () => {
    const org = await anOrg(suite.testDb.database.db);
    const csm = await aMember(suite.testDb.database.db, org, { role: 'csm' });
    expect(
      await errorOf(suite.app.client(csm.token).org.domainConflicts.query({ domains: ['acme.example'] })),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('names the value that is not a domain name', async () => {
    const { client } = await anAdminsOrg();
    const refused = await errorOf(client.org.domainConflicts.query({ domains: ['acme..com'] }));
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      message: "domains.0: 'acme..com' is not a domain name",
    });
  });
});
