import { and, eq, sql } from 'drizzle-orm';
import { customerDomains, customers, users } from '../db/schema.ts';

/** A customer's domains, sorted, as one column of a customers query. */
export const customerDomainList = sql<
  string[]
>`coalesce((select array_agg(d.domain order by d.domain) from ${customerDomains} d where d.org_id = ${customers.orgId} and d.customer_id = ${customers.id}), '{}')`;

/** Joins a customer to its owner: the same org, always (the foreign key says so too). */
export const customerOwnerJoin = and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerId));
