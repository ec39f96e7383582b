import { type SQL, sql } from 'drizzle-orm';

/** The element types our bulk writes send; enum names are the schema's pgEnums. */
export type ArrayElementType =
  | 'text'
  | 'uuid'
  | 'int'
  | 'bigint'
  | 'smallint'
  | 'date'
  | 'timestamptz'
  | 'customer_segment'
  | 'lifecycle_stage'
  | 'contact_role'
  | 'contract_status'
  | 'activity_kind'
  | 'ticket_status'
  | 'ticket_priority'
  | 'task_status'
  | 'signal_kind'
  | 'signal_period'
  | 'float8'
  | 'jsonb';

type Element = string | number | null | undefined;

/**
 * One column of a batch as ONE bound parameter: `unnest($1::text[], $2::int[], …)` keeps a
 * 5,000-row insert at a dozen parameters (the wire protocol caps a statement at 65,535) and lets
 * Postgres parse it once. postgres.js does not serialise untyped JS arrays, so we send the array
 * literal as text and cast it.
 */
export function arrayParam(values: readonly Element[], type: ArrayElementType): SQL {
  return sql`${toArrayLiteral(values)}::${sql.raw(type)}[]`;
}

export function toArrayLiteral(values: readonly Element[]): string {
  const items = values.map((value) =>
    value === null || value === undefined ? 'NULL' : `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`,
  );
  return `{${items.join(',')}}`;
}

/** A column of a bulk insert: its name (ours, never from input), element type and how to read it off a row. */
export interface RowColumn<T> {
  name: string;
  type: ArrayElementType;
  value: (row: T) => Element;
}

/** `a, b, c`: the insert's column list, in the same order as `unnestRows`. */
export function columnNames<T>(columns: readonly RowColumn<T>[]): SQL {
  return sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
}

/** `unnest($1::text[], $2::uuid[], …)`: the rows as a set, one array parameter per column. */
export function unnestRows<T>(rows: readonly T[], columns: readonly RowColumn<T>[]): SQL {
  return sql`unnest(${sql.join(
    columns.map((c) => arrayParam(rows.map(c.value), c.type)),
    sql`, `,
  )})`;
}
