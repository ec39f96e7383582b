import { execFile } from 'node:child_process';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../backend/clock.ts';
import type { Db } from '../../backend/db/client.ts';
import { activities } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { importCsv } from '../../backend/imports/service.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { healthSignals } from '../../backend/signals/schema.ts';
import { aCustomer, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
});
afterAll(async () => {
  await testDb?.drop();
});

const header = 'customer_external_id,customer_domain,kind,observed_at,period,value,name,role,status';

async function orgWithCustomers(): Promise<OrgRef> {
  const org = await anOrg(db);
  await aCustomer(db, org, { externalId: 'c-1' });
  await aCustomer(db, org, { externalId: 'c-2', domains: ['two.example'] });
  return org;
}

const importSignals = (org: OrgRef, csv: string) =>
  importCsv({ db, clock: systemClock }, { orgId: org.id, entity: 'signals', csv, skipInvalid: false });

const signalsIn = (org: OrgRef) =>
  inOrg(db, org.id, async (tx) => (await tx.select({ n: count() }).from(healthSignals))[0]?.n ?? 0);

describe('cscx import signals', () => {
  it('imports a file once: importing it again changes nothing', async () => {
    const org = await orgWithCustomers();
    const csv = [
      header,
      'c-1,,usage.logins,2026-10-05,week,120,,,',
      'c-1,,usage.logins,2026-10-12,week,70,,,',
      ',two.example,stakeholder.left,2026-10-03,,,Jane Doe,champion,',
      ',two.example,billing.status,2026-10-20,,21,,,overdue',
    ].join('\n');

    const first = await importSignals(org, csv);
    expect(first).toMatchObject({ imported: true, created: 4, unchanged: 0, invalid: [] });
    const again = await importSignals(org, csv);
    expect(again).toMatchObject({ imported: true, created: 0, unchanged: 4 });
    expect(await signalsIn(org)).toBe(4);
  });

  it('rejects the whole file for one bad line, naming the line and the column', async () => {
    const org = await orgWithCustomers();
    const csv = [
      header,
      'c-1,,usage.logins,2026-10-05,week,120,,,',
      'c-1,,survey.nps,2026-10-06,,11,,,',
      'c-404,,survey.nps,2026-10-06,,9,,,',
      'c-1,,usage.logins,2026-10-07,week,lots,,,',
      'c-1,,usage.logins,not a date,week,3,,,',
    ].join('\n');
    const report = await importSignals(org, csv);
    expect(report.imported).toBe(false);
    expect(report.invalid).toEqual([
      { line: 3, reason: 'survey.nps value 11 is outside 0–10' },
      { line: 4, reason: "customer not found: customer_external_id 'c-404'" },
      { line: 5, reason: 'value: a plain number such as 42 or 0.35' },
      { line: 6, reason: expect.stringMatching(/^observed_at: /) },
    ]);
    expect(await signalsIn(org)).toBe(0);
  });

  it('reads autopay as yes/no on a billing line, and refuses a word it does not know', async () => {
    const org = await orgWithCustomers();
    const csv = (autopay: string) =>
      [
        'customer_external_id,kind,observed_at,value,status,autopay',
        `c-1,billing.status,2026-10-20,0,current,${autopay}`,
      ].join('\n');
    expect(await importSignals(org, csv('maybe'))).toMatchObject({
      imported: false,
      invalid: [{ line: 2, reason: expect.stringMatching(/autopay/) }],
    });
    expect(await importSignals(org, csv('No'))).toMatchObject({ imported: true, created: 1 });
    const [billing] = await inOrg(db, org.id, (tx) => tx.select().from(healthSignals));
    expect(billing?.detail).toEqual({ status: 'current', autopay: false });
  });

  it('upserts ticket lines as ticket activities on the timeline', async () => {
    const org = await orgWithCustomers();
    const csv = [
      'customer_external_id,kind,observed_at,ticket_id,ticket_status,ticket_priority,ticket_subject',
      'c-2,ticket,2026-10-21T08:00:00Z,T-1,open,urgent,Export fails',
      'c-2,ticket,2026-10-22T08:00:00Z,T-1,pending,urgent,Export fails',
    ].join('\n');
    expect(await importSignals(org, csv)).toMatchObject({ imported: true, created: 2 });
    const tickets = await inOrg(db, org.id, (tx) =>
      tx.select().from(activities).where(eq(activities.kind, 'ticket')),
    );
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      externalId: 'T-1',
      ticketStatus: 'pending',
      ticketPriority: 'urgent',
    });
    expect(await importSignals(org, csv)).toMatchObject({ imported: true, created: 0, unchanged: 2 });
  });

  it('runs from the command line on the sample file, and a second run adds nothing', async () => {
    const org = await anOrg(db, { name: `Signals CLI ${Date.now()}` });
    const cscx = (args: string[]) => {
      const { DATABASE_URL: _ignored, ...env } = process.env;
      const target = testDb.url ? { DATABASE_URL: testDb.url } : { CSCX_DATA_DIR: testDb.dataDir };
      return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile('node', ['bin/cscx.js', ...args], { env: { ...env, ...target } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    };
    expect(
      await cscx(['import', 'customers', 'docs/samples/customers.csv', '--org', org.name]),
    ).toMatchObject({
      code: 0,
    });
    const first = await cscx(['import', 'signals', 'docs/samples/signals.csv', '--org', org.name]);
    expect(first.stderr).not.toMatch(/signals\.csv:\d+/);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('9 created, 0 updated, 0 unchanged');
    const second = await cscx(['import', 'signals', 'docs/samples/signals.csv', '--org', org.name]);
    expect(second.stdout).toContain('0 created, 0 updated, 9 unchanged');
  }, 120_000);
});
