import { type SQL, sql } from 'drizzle-orm';
import type { AuditEntry } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { type ArrayElementType, arrayParam } from './sql-arrays.ts';

/** One written column of a batch: the name is ours (never from the file), the values one per row. */
export interface BatchColumn {
  name: string;
  type: ArrayElementType;
  values: (string | number | null)[];
}

export interface UpsertBatch {
  orgId: string;
  now: Date;
  table: 'customers' | 'contacts' | 'activities';
  /** `import.customer`, … */
  action: string;
  keys: { source: string; externalId: string }[];
  columns: BatchColumn[];
}

export interface UpsertOutcome {
  /** Id of every row of the batch, created, changed or unchanged, by `source\u0000externalId`. */
  idByKey: Map<string, string>;
  createdIds: Set<string>;
  /** One entry per created or changed row, not yet written: the caller may add to it. */
  audit: Map<string, AuditEntry>;
}

export function keyOf(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/**
 * Set-based upsert by (org, source, external_id). Rows equal in every written column are filtered out
 * before the upsert, so they are not even locked: no new `updated_at`, no WAL, no audit entry. The
 * upsert itself still carries `where … is distinct from …`, for a row changed by someone else meanwhile.
 * Only the columns the file carries are written; the others keep their value on update and get their
 * default on create.
 */
export async function upsertBatch(tx: Db, batch: UpsertBatch): Promise<UpsertOutcome> {
  const before = await readBefore(tx, batch);
  const intended = await renderRows(tx, batch);
  const pending = batch.keys.flatMap((key, index) => {
    const previous = before.get(keyOf(key.source, key.externalId));
    const changed =
      !previous || batch.columns.some(({ name }) => !sameJson(previous.row[name], intended[index]?.[name]));
    return changed ? [index] : [];
  });
  const written = pending.length > 0 ? await upsertRows(tx, subset(batch, pending)) : [];

  const idByKey = new Map([...before].map(([key, r]) => [key, r.id]));
  const createdIds = new Set<string>();
  const audit = new Map<string, AuditEntry>();
  for (const r of written) {
    const key = keyOf(r.source, r.external_id);
    idByKey.set(key, r.id);
    const previous = before.get(key)?.row;
    if (!previous) createdIds.add(r.id);
    audit.set(r.id, {
      orgId: batch.orgId,
      actorUserId: null,
      action: batch.action,
      tableName: batch.table,
      rowId: r.id,
      changes: previous
        ? { op: 'update', ...diff(previous, r.row, batch.columns) }
        : { op: 'create', source: r.source, externalId: r.external_id, ...pick(r.row, batch.columns) },
    });
  }
  return { idByKey, createdIds, audit };
}

/**
 * The rows as they are, one lookup of the external key per row. The `limit 1` keeps the planner from
 * flattening the lateral into a join, which, with statistics from before a big import, it would run
 * as a scan of every row of the org.
 */
async function readBefore(tx: Db, batch: UpsertBatch) {
  const rows = await tx.execute<WrittenRow>(
    sql`select t.id, t.source, t.external_id, to_jsonb(t) as row
        from unnest(${arrayParam(
          batch.keys.map((k) => k.source),
          'text',
        )}, ${arrayParam(
          batch.keys.map((k) => k.externalId),
          'text',
        )}) as k(source, external_id)
        cross join lateral (
          select * from ${sql.identifier(batch.table)} t
          where t.org_id = ${batch.orgId}::uuid and t.source = k.source and t.external_id = k.external_id
          limit 1
        ) t`,
  );
  return new Map(rows.map((r) => [keyOf(r.source, r.external_id), r]));
}

/** The file's rows as Postgres renders the same typed values, so they compare exactly with `readBefore`. */
async function renderRows(tx: Db, batch: UpsertBatch): Promise<JsonRow[]> {
  const rows = await tx.execute<{ row: JsonRow }>(
    sql`select to_jsonb(v) - 'n' as row from ${unnestBatch(batch)} with ordinality
        as v(${columnList(batch)}, n) order by n`,
  );
  return rows.map((r) => r.row);
}

async function upsertRows(tx: Db, batch: UpsertBatch): Promise<WrittenRow[]> {
  const table = sql.identifier(batch.table);
  const names = batch.columns.map((c) => sql.identifier(c.name));
  return tx.execute<WrittenRow>(
    sql`insert into ${table} (org_id, ${columnList(batch)})
        select ${batch.orgId}::uuid, v.* from ${unnestBatch(batch)} as v
        on conflict (org_id, source, external_id) do update
        set ${sql.join(
          names.map((n) => sql`${n} = excluded.${n}`),
          sql`, `,
        )}, updated_at = ${batch.now.toISOString()}::timestamptz
        where (${sql.join(
          names.map((n) => sql`${table}.${n}`),
          sql`, `,
        )}) is distinct from (${sql.join(
          names.map((n) => sql`excluded.${n}`),
          sql`, `,
        )})
        returning ${table}.id, ${table}.source, ${table}.external_id, to_jsonb(${table}) as row`,
  );
}

function columnList(batch: UpsertBatch): SQL {
  return sql.join(
    ['source', 'external_id', ...batch.columns.map((c) => c.name)].map((name) => sql.identifier(name)),
    sql`, `,
  );
}

function unnestBatch(batch: UpsertBatch): SQL {
  return sql`unnest(${sql.join(
    [
      arrayParam(
        batch.keys.map((k) => k.source),
        'text',
      ),
      arrayParam(
        batch.keys.map((k) => k.externalId),
        'text',
      ),
      ...batch.columns.map((c) => arrayParam(c.values, c.type)),
    ],
    sql`, `,
  )})`;
}

function subset(batch: UpsertBatch, indexes: number[]): UpsertBatch {
  return {
    ...batch,
    keys: indexes.map((i) => batch.keys[i]!),
    columns: batch.columns.map((c) => ({ ...c, values: indexes.map((i) => c.values[i] ?? null) })),
  };
}

type WrittenRow = {
  id: string;
  source: string;
  external_id: string;
  row: JsonRow;
};

type JsonRow = Record<string, unknown>;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function diff(before: JsonRow, after: JsonRow, columns: BatchColumn[]): JsonRow {
  const changes: JsonRow = {};
  for (const { name } of columns)
    if (!sameJson(before[name], after[name]))
      changes[name] = { from: before[name] ?? null, to: after[name] ?? null };
  return changes;
}

function pick(row: JsonRow, columns: BatchColumn[]): JsonRow {
  return Object.fromEntries(columns.map(({ name }) => [name, row[name] ?? null]));
}
