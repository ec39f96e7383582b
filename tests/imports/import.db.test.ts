import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../backend/db/schema.ts';
import { anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { at, type ImportSteps, importSteps, sample } from './import-steps.ts';

let testDb: TestDatabase;
let steps: ImportSteps;
beforeAll(async () => {
  testDb = await createTestDatabase();
  steps = importSteps(testDb.database.db);
});
afterAll(async () => {
  await testDb?.drop();
});

describe('importing the documented sample files', () => {
  it('creates every row with the values of its columns and one audit row each', async () => {
    const org = await anOrg(testDb.database.db);
    const reports = await steps.importSamples(org);
    expect(reports.map((r) => [r.entity, r.created, r.updated, r.invalid])).toEqual([
      ['customers', 5, 0, []],
      ['contacts', 6, 0, []],
      ['activities', 6, 0, []],
    ]);

    const acme = await steps.customerByExternalId(org, 'acct-1001');
    expect(acme).toMatchObject({
      name: 'Acme Robotics',
      source: 'csv',
      segment: 'enterprise',
      stage: 'adoption',
      arrMinor: 24_000_000,
      currency: 'USD',
      renewalDate: '2027-03-31',
      domains: ['acme-robotics.example', 'acme.example'],
    });
    expect(await steps.customerByExternalId(org, 'acct-1002')).toMatchObject({
      arrMinor: 8_500_050,
      currency: 'EUR',
    });
    expect(await steps.customerByExternalId(org, 'acct-1004')).toMatchObject({
      name: 'Umbrella Health, Inc.',
    });
    expect(await steps.customerByExternalId(org, 'acct-1005')).toMatchObject({
      segment: 'smb',
      stage: 'onboarding',
      arrMinor: 0,
      renewalDate: null,
      domains: [],
    });

    const maria = await steps.contactByExternalId(org, 'ct-1');
    expect(maria).toMatchObject({
      customerId: acme.id,
      email: 'maria.lopez@acme-robotics.example',
      name: 'María López',
      role: 'executive_sponsor',
    });
    const ticket = await steps.activityByExternalId(org, 'act-2');
    const sam = await steps.contactByExternalId(org, 'ct-2');
    expect(ticket).toMatchObject({
      customerId: acme.id,
      contactId: sam!.id,
      kind: 'ticket',
      ticketStatus: 'open',
      ticketPriority: 'urgent',
      npsScore: null,
      subject: 'SSO login fails for EU users',
    });
    expect(ticket!.occurredAt.toISOString()).toBe('2026-10-20T07:12:00.000Z');
    const nps = await steps.activityByExternalId(org, 'act-3');
    expect(nps).toMatchObject({ kind: 'nps', npsScore: 8, ticketStatus: null });
    expect(nps!.occurredAt.toISOString()).toBe('2026-09-15T00:00:00.000Z');

    const audit = await steps.readOrg(org, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.rowId, acme.id)),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import.customer', actorUserId: null, tableName: 'customers' });
    expect(audit[0]!.changes).toMatchObject({ op: 'create', name: 'Acme Robotics', domains: acme.domains });
    expect(await steps.importAuditCount(org)).toBe(17);
  });

  it('changes nothing on a second import of the same files: no updated_at moves, no audit row', async () => {
    const org = await anOrg(testDb.database.db);
    await steps.importSamples(org, at('2026-11-01T12:00:00Z'));
    const before = { updates: await steps.lastUpdates(org), audit: await steps.importAuditCount(org) };

    const again = await steps.importSamples(org, at('2026-11-02T12:00:00Z'));

    expect(again.map((r) => [r.created, r.updated, r.unchanged])).toEqual([
      [0, 0, 5],
      [0, 0, 6],
      [0, 0, 6],
    ]);
    expect(await steps.lastUpdates(org)).toEqual(before.updates);
    expect(await steps.importAuditCount(org)).toBe(before.audit);
  });

  it('updates a changed row, and only it, with one audit row naming what changed', async () => {
    const org = await anOrg(testDb.database.db);
    await steps.importSamples(org, at('2026-11-01T12:00:00Z'));
    const auditBefore = await steps.importAuditCount(org);
    const edited = sample('customers').replace(
      'acct-1002,Globex Logistics,globex.example,mid_market,renewal,85000.50,EUR',
      'acct-1002,Globex Logistics,globex.example globex-eu.example,mid_market,renewal,90000,EUR',
    );

    const report = await steps.importInto(org, 'customers', edited, { clock: at('2026-11-03T09:00:00Z') });

    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const globex = await steps.customerByExternalId(org, 'acct-1002');
    expect(globex).toMatchObject({ arrMinor: 9_000_000, domains: ['globex-eu.example', 'globex.example'] });
    expect(globex.updatedAt.toISOString()).toBe('2026-11-03T09:00:00.000Z');
    expect((await steps.customerByExternalId(org, 'acct-1001')).updatedAt.toISOString()).not.toBe(
      '2026-11-03T09:00:00.000Z',
    );
    expect(await steps.importAuditCount(org)).toBe(auditBefore + 1);
    const entries = await steps.readOrg(org, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.rowId, globex.id)).orderBy(asc(auditLog.id)),
    );
    expect(entries.map((e) => (e.changes as { op: string }).op)).toEqual(['create', 'update']);
    const entry = entries[1];
    expect(entry!.changes).toEqual({
      op: 'update',
      arr_minor: { from: 8_500_050, to: 9_000_000 },
      domains: { from: ['globex.example'], to: ['globex-eu.example', 'globex.example'] },
    });
  });
});
