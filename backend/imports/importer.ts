import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { LineProblem } from './csv.ts';

export const importEntities = ['customers', 'contacts', 'activities', 'signals'] as const;
export type ImportEntity = (typeof importEntities)[number];

export interface ValidRow<Row> {
  line: number;
  row: Row;
}

export interface WriteContext {
  orgId: string;
  now: Date;
  /** The file's columns: only those are written on update. */
  columns: ReadonlySet<string>;
}

/** What one kind of import file knows: its columns, its row schema, its references and how to write. */
export interface Importer<Row, Resolved> {
  entity: ImportEntity;
  /** What the import writes to: analysed after rows were created, so plans see the new size. */
  tables: readonly PgTable[];
  requiredColumns: readonly string[];
  optionalColumns: readonly string[];
  schema: z.ZodType<Row>;
  /** Values that must not repeat within one file (the upsert key, an email, a domain). */
  uniqueWithinFile(row: Row): { label: string; value: string }[];
  /** Looks up what rows refer to (customers, owners, contacts); rows that refer to nothing become problems. */
  resolve(
    tx: Db,
    orgId: string,
    rows: ValidRow<Row>[],
    /** When the import started: a reference may not lie in the future. */
    now: Date,
  ): Promise<{ resolved: ValidRow<Resolved>[]; problems: LineProblem[] }>;
  write(tx: Db, context: WriteContext, rows: Resolved[]): Promise<{ created: number; updated: number }>;
}
