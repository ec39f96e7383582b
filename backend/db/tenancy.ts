import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Row-level security does the last line of tenancy: inside a transaction we drop from the login
 * role to `cscx_app` and name the org. Only the `true`/LOCAL forms: PGlite is one shared session.
 */
async function enterOrg(tx: Db, orgId: string): Promise<void> {
  await tx.execute(
    sql`select set_config('role', 'cscx_app', true), set_config('app.org_id', ${orgId}, true)`,
  );
}

/** Before the org is known (resolving a token, signing in): a role that may only read credentials. */
async function enterAuthLookup(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('role', 'cscx_auth', true), set_config('app.org_id', '', true)`);
}

export function inOrg<T>(db: Db, orgId: string, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await enterOrg(tx, orgId);
    return work(tx);
  });
}

export function inAuthLookup<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await enterAuthLookup(tx);
    return work(tx);
  });
}
