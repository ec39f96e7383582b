import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../backend/db/schema.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { type ImportSteps, importSteps, sample } from './import-steps.ts';

let testDb: TestDatabase;
let steps: ImportSteps;
beforeAll(async () => {
  testDb = await createTestDatabase();
  steps = importSteps(testDb.database.db);
});
afterAll(async () => {
  await testDb?.drop();
});

describe('bad lines', () => {
  const badCustomers = [
    'external_id,name,domains,segment,arr,currency,renewal_date',
    'c-1,Good Company,good-company.example,smb,100,USD,2027-01-01',
    'c-2,,not a domain!,gold,1,USD,2027-13-01',
    'c-3,Thousands,thousands.example,smb,"1,000",USD,',
    'c-1,Repeated Key,,smb,1,USD,',
    'c-5,Too Many,too-many.example,smb,1,USD,,extra',
    'c-6,Also Good,also-good.example,mid_market,2500.5,EUR,',
  ].join('\n');

  it('imports nothing and reports every bad line with its number and reason', async () => {
    const org = await anOrg(testDb.database.db);
    const report = await steps.importInto(org, 'customers', badCustomers);

    expect(report.imported).toBe(false);
    expect(report.invalid.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    const reasonOf = (line: number) => report.invalid.find((p) => p.line === line)!.reason;
    expect(reasonOf(3)).toContain('name: required');
    expect(reasonOf(3)).toContain('not a domain name');
    expect(reasonOf(3)).toContain('segment');
    expect(reasonOf(3)).toContain('renewal_date');
    expect(reasonOf(4)).toContain('arr: a plain number');
    expect(reasonOf(5)).toBe('external_id repeats line 2');
    expect(reasonOf(6)).toContain('wrong number of fields');
    const [row] = await steps.readOrg(org, (tx) => tx.select({ n: count() }).from(customers));
    expect(row!.n).toBe(0);
  });

  it('with --skip-invalid imports the good lines and still reports the bad ones', async () => {
    const org = await anOrg(testDb.database.db);
    const report = await steps.importInto(org, 'customers', badCustomers, { skipInvalid: true });

    expect(report).toMatchObject({ imported: true, created: 2, rows: 6 });
    expect(report.invalid).toHaveLength(4);
    const names = await steps.readOrg(org, (tx) =>
      tx.select({ name: customers.name }).from(customers).orderBy(asc(customers.name)),
    );
    expect(names.map((n) => n.name)).toEqual(['Also Good', 'Good Company']);
    expect((await steps.customerByExternalId(org, 'c-6')).arrMinor).toBe(250_050);
  });

  it('refuses references to nothing: unknown customers, owners and contacts, and an address of another contact', async () => {
    const org = await anOrg(testDb.database.db);
    await steps.importInto(org, 'customers', sample('customers'));
    await aCustomer(testDb.database.db, org, { name: 'Made in the app', domains: ['in-app.example'] });
    await steps.importInto(org, 'contacts', sample('contacts'));

    const contactsReport = await steps.importInto(
      org,
      'contacts',
      [
        'external_id,customer_external_id,email,role',
        'x-1,acct-9999,someone@acme.example,user',
        'x-2,acct-1001,maria.lopez@acme-robotics.example,user',
        'x-3,acct-1001,MAYA@Acme.example,chief',
      ].join('\n'),
    );
    expect(contactsReport.invalid).toEqual([
      {
        line: 2,
        reason: expect.stringContaining('no customer with external id "acct-9999" from source "csv"'),
      },
      { line: 3, reason: expect.stringContaining('already a contact of "Acme Robotics"') },
      { line: 4, reason: expect.stringContaining('role') },
    ]);

    const customersReport = await steps.importInto(
      org,
      'customers',
      ['external_id,name,domains,owner_email', 'n-1,Newco,in-app.example,ghost@team.example'].join('\n'),
    );
    expect(customersReport.invalid[0]!.reason).toContain('no active user ghost@team.example');
    expect(customersReport.invalid[0]!.reason).toContain(
      'in-app.example already belongs to customer "Made in the app"',
    );

    const activitiesReport = await steps.importInto(
      org,
      'activities',
      [
        'external_id,customer_external_id,kind,occurred_at,contact_email,nps_score,ticket_status',
        'a-1,acct-1001,nps,2026-10-01,,,',
        'a-2,acct-1001,email,yesterday,,,',
        'a-3,acct-1001,email,2026-10-01T10:00:00Z,nobody@acme.example,,',
        'a-4,acct-1001,call,2026-10-01T10:00:00Z,,,open',
      ].join('\n'),
    );
    expect(activitiesReport.invalid.map((p) => [p.line, p.reason])).toEqual([
      [2, 'nps_score: required for kind nps'],
      [3, expect.stringContaining('occurred_at')],
      [4, 'contact_email: no contact nobody@acme.example in this org'],
      [5, 'ticket_status: only for kind ticket'],
    ]);
  });

  it('stops at a header it cannot read, naming the columns it expects', async () => {
    const org = await anOrg(testDb.database.db);
    await expect(steps.importInto(org, 'customers', 'external_id,nmae\nc-1,Typo')).rejects.toThrow(
      /line 1: unknown column "nmae"; missing column "name"/,
    );
  });
});

describe('owners', () => {
  it('sets the owner from owner_email, and clears it when the cell is empty', async () => {
    const org = await anOrg(testDb.database.db);
    const csm = await aMember(testDb.database.db, org, { role: 'csm' });
    await steps.importInto(
      org,
      'customers',
      `external_id,name,owner_email\no-1,Owned,${csm.email.toUpperCase()}`,
    );
    expect((await steps.customerByExternalId(org, 'o-1')).ownerId).toBe(csm.id);

    await steps.importInto(org, 'customers', 'external_id,name,owner_email\no-1,Owned,');
    expect((await steps.customerByExternalId(org, 'o-1')).ownerId).toBeNull();
  });
});
