import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Makes the rest of the transaction run its prepared statements on their generic plan. Postgres
 * plans a prepared statement afresh for each execution (a custom plan) while that looks cheaper than
 * the plan for any parameters; for a statement of many sub-queries, such as the context lookup's,
 * planning costs more than running it: the lookup took half the time on its generic plan
 * (docs/benchmarks.md). Its plans stay good for any parameters: every predicate is an equality on
 * an indexed column of the caller's org.
 *
 * The statement is sent now (`then` sends it) and not waited for on its own: await it with the
 * statements sent after it, so that it costs no round trip. It never rejects: were it to fail, the
 * transaction has failed, and the statements after it say so.
 */
export function preferGenericPlans(tx: Db): Promise<void> {
  return tx.execute(sql`select set_config('plan_cache_mode', 'force_generic_plan', true)`).then(
    () => undefined,
    () => undefined,
  );
}
