import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * What a brief read of its customer, as one string: the latest write to the account, its timeline,
 * its signals, its tasks, its call records, its contacts and its health score, with the counts that
 * show a deletion. A brief whose
 * stored version differs from this is stale. One statement of index walks on (org_id, customer_id),
 * cheap enough to run every time a brief is opened.
 */
export async function readDataVersion(tx: Db, orgId: string, customerId: string): Promise<string> {
  const [row] = await tx.execute<{ version: string }>(sql`
    select concat_ws('|',
      (select extract(epoch from updated_at) from customers where org_id = ${orgId} and id = ${customerId}),
      (select concat(count(*), ':', extract(epoch from max(updated_at))) from activities
        where org_id = ${orgId} and customer_id = ${customerId}),
      (select concat(count(*), ':', extract(epoch from max(created_at))) from health_signals
        where org_id = ${orgId} and customer_id = ${customerId}),
      (select concat(count(*), ':', extract(epoch from max(updated_at))) from tasks
        where org_id = ${orgId} and customer_id = ${customerId}),
      (select extract(epoch from computed_at) from health_scores where org_id = ${orgId} and customer_id = ${customerId}),
      (select concat(count(*), ':', extract(epoch from max(updated_at))) from call_records
        where org_id = ${orgId} and customer_id = ${customerId}),
      (select concat(count(*), ':', extract(epoch from max(updated_at))) from contacts
        where org_id = ${orgId} and customer_id = ${customerId})
    ) as version`);
  return row?.version ?? '';
}
