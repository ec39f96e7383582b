import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  DomainConflict,
  domainConflictsInput,
  orgOutput,
  updateOrgInput,
} from '../../shared/api/auth.ts';
import { recordAudit } from '../audit/record.ts';
import { customerDomains, customers, orgs } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { toOrgOutput } from '../users/output.ts';

export async function getOrg({ db, principal }: OrgDeps): Promise<z.infer<typeof orgOutput>> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, principal.orgId)).limit(1);
  if (!row) throw new DomainError('NOT_FOUND', 'no such org');
  return toOrgOutput(row);
}

export async function updateOrg(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof updateOrgInput>,
): Promise<z.infer<typeof orgOutput>> {
  const domains = input.domains ? [...new Set(input.domains)].sort() : undefined;
  const competitors = input.competitors ? distinctNames(input.competitors) : undefined;
  const [row] = await db
    .update(orgs)
    .set({
      ...(input.name ? { name: input.name } : {}),
      ...(domains ? { domains } : {}),
      ...(input.recordCalendarMeetings === undefined
        ? {}
        : { recordCalendarMeetings: input.recordCalendarMeetings }),
      ...(competitors ? { competitors } : {}),
      updatedAt: clock.now(),
    })
    .where(eq(orgs.id, principal.orgId))
    .returning();
  if (!row) throw new DomainError('NOT_FOUND', 'no such org');
  await recordAudit(db, {
    orgId: principal.orgId,
    actorUserId: principal.userId,
    action: 'org.update',
    tableName: 'orgs',
    rowId: row.id,
    changes: { ...input, ...(domains ? { domains } : {}), ...(competitors ? { competitors } : {}) },
  });
  return toOrgOutput(row);
}

/** Each name once, the first spelling kept ("Acme" and "acme" are one competitor), in the admin's order. */
function distinctNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The org's customers that own any of these domains. Made the org's own, a domain's people count as
 * colleagues and stop matching its customer: the settings page warns before saving.
 */
export async function findDomainConflicts(
  { db, principal }: OrgDeps,
  input: z.infer<typeof domainConflictsInput>,
): Promise<DomainConflict[]> {
  return db
    .select({ domain: customerDomains.domain, customerId: customers.id, customerName: customers.name })
    .from(customerDomains)
    .innerJoin(
      customers,
      and(eq(customers.orgId, customerDomains.orgId), eq(customers.id, customerDomains.customerId)),
    )
    .where(and(eq(customerDomains.orgId, principal.orgId), inArray(customerDomains.domain, input.domains)))
    .orderBy(asc(customerDomains.domain));
}
