import { sql } from 'drizzle-orm';
import { customerDomains, customers } from '../db/schema.ts';

/** A customer's domains, sorted, as one column of a customers query. */
export const customerDomainList = sql<
  string[]
>`coalesce((select array_agg(d.domain order by d.domain) from ${customerDomains} d where d.customer_id = ${customers.id}), '{}')`;
