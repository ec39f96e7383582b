import { readFileSync } from 'node:fs';
import { and, asc, count, eq, like, max } from 'drizzle-orm';
import type { Clock } from '../../backend/clock.ts';
import type { Db } from '../../backend/db/client.ts';
import { activities, auditLog, contacts, customerDomains, customers } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { ImportEntity } from '../../backend/imports/importer.ts';
import { importCsv } from '../../backend/imports/service.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';

export const sample = (entity: ImportEntity) => readFileSync(`docs/samples/${entity}.csv`, 'utf8');
export const at = (iso: string): Clock => ({ now: () => new Date(iso) });

export type ImportSteps = ReturnType<typeof importSteps>;

/** Importing into one org and reading back what landed, as the import tests do it. */
export function importSteps(db: Db) {
  function importInto(
    org: OrgRef,
    entity: ImportEntity,
    csv: string,
    options: { skipInvalid?: boolean; clock?: Clock } = {},
  ) {
    return importCsv(
      { db, clock: options.clock ?? at('2026-11-01T12:00:00Z') },
      { orgId: org.id, entity, csv, skipInvalid: options.skipInvalid ?? false },
    );
  }

  async function importSamples(org: OrgRef, clock?: Clock) {
    const reports = [];
    for (const entity of ['customers', 'contacts', 'activities'] as const)
      reports.push(await importInto(org, entity, sample(entity), { clock }));
    return reports;
  }

  function readOrg<T>(org: OrgRef, work: Parameters<typeof inOrg<T>>[2]) {
    return inOrg(db, org.id, work);
  }

  async function customerByExternalId(org: OrgRef, externalId: string) {
    return readOrg(org, async (tx) => {
      const [row] = await tx
        .select()
        .from(customers)
        .where(and(eq(customers.orgId, org.id), eq(customers.externalId, externalId)));
      const domains = await tx
        .select({ domain: customerDomains.domain })
        .from(customerDomains)
        .where(eq(customerDomains.customerId, row!.id))
        .orderBy(asc(customerDomains.domain));
      return { ...row!, domains: domains.map((d) => d.domain) };
    });
  }

  const contactByExternalId = (org: OrgRef, externalId: string) =>
    readOrg(
      org,
      async (tx) => (await tx.select().from(contacts).where(eq(contacts.externalId, externalId)))[0],
    );
  const activityByExternalId = (org: OrgRef, externalId: string) =>
    readOrg(
      org,
      async (tx) => (await tx.select().from(activities).where(eq(activities.externalId, externalId)))[0],
    );

  async function importAuditCount(org: OrgRef) {
    return readOrg(org, async (tx) => {
      const [row] = await tx
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.id), like(auditLog.action, 'import.%')));
      return row!.n;
    });
  }

  async function lastUpdates(org: OrgRef) {
    return readOrg(org, async (tx) => ({
      customers: (await tx.select({ at: max(customers.updatedAt) }).from(customers))[0]?.at,
      contacts: (await tx.select({ at: max(contacts.updatedAt) }).from(contacts))[0]?.at,
      activities: (await tx.select({ at: max(activities.updatedAt) }).from(activities))[0]?.at,
    }));
  }

  return {
    importInto,
    importSamples,
    readOrg,
    customerByExternalId,
    contactByExternalId,
    activityByExternalId,
    importAuditCount,
    lastUpdates,
  };
}
