import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { inOrg } from '../db/tenancy.ts';

/**
 * Every row of every table, as a set of row hashes per table: two snapshots tell which rows a draft
 * added, changed or removed anywhere in the database. A request's own session bookkeeping (the
 * token's last use and sliding expiry) is left out of the hashes: it is not the draft's doing.
 */
export type RowSnapshot = Map<string, Set<string>>;

export interface TableChange {
  table: string;
  added: number;
  /** Rows gone or changed (a changed row counts as one removed and one added). */
  removed: number;
}

const ignoredColumns: Record<string, string[]> = { auth_tokens: ['last_used_at', 'expires_at'] };

interface TableInfo {
  name: string;
  forcedRls: boolean;
}

/**
 * A login role that bypasses row-level security (the embedded database's superuser) reads every
 * table whole; one that does not (a managed Postgres) reads the tables under forced row-level
 * security once per org, as `cscx_app` in that org, and the others whole.
 */
export async function snapshotRows(database: Database, orgIds: readonly string[]): Promise<RowSnapshot> {
  const tables = await tablesOf(database);
  const [role] = await database.sql<{ bypass: boolean }[]>`
    select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user`;
  const snapshot: RowSnapshot = new Map();
  for (const table of tables) {
    const query = hashQuery(table.name);
    if (role?.bypass || !table.forcedRls) {
      snapshot.set(table.name, new Set((await database.sql.unsafe<{ h: string }[]>(query)).map((r) => r.h)));
      continue;
    }
    const hashes = new Set<string>();
    for (const orgId of orgIds) {
      const rows = await inOrg(database.db, orgId, (tx) => tx.execute<{ h: string }>(sql.raw(query)));
      for (const row of rows) hashes.add(row.h);
    }
    snapshot.set(table.name, hashes);
  }
  return snapshot;
}

export function changesBetween(before: RowSnapshot, after: RowSnapshot): TableChange[] {
  const changes: TableChange[] = [];
  for (const [table, rows] of after) {
    const earlier = before.get(table) ?? new Set<string>();
    const added = [...rows].filter((h) => !earlier.has(h)).length;
    const removed = [...earlier].filter((h) => !rows.has(h)).length;
    if (added || removed) changes.push({ table, added, removed });
  }
  return changes;
}

async function tablesOf(database: Database): Promise<TableInfo[]> {
  const rows = await database.sql<{ schema: string; name: string; forced: boolean }[]>`
    select n.nspname as schema, c.relname as name, c.relforcerowsecurity as forced
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg\\_%'
    order by 1, 2`;
  return rows.map((r) => ({
    name: r.schema === 'public' ? r.name : `${r.schema}.${r.name}`,
    forcedRls: r.forced,
  }));
}

function hashQuery(table: string): string {
  const quoted = table
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
  const ignored = (ignoredColumns[table] ?? []).map((c) => `'${c}'`).join(', ');
  return `select md5((to_jsonb(t) - array[${ignored}]::text[])::text) as h from ${quoted} t`;
}
