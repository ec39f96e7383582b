import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { inOrg } from '../db/tenancy.ts';
import { DomainError } from '../domain-error.ts';
import { signalImporter } from '../signals/csv-import.ts';
import { activityImporter } from './activities.ts';
import { contactImporter } from './contacts.ts';
import { type LineProblem, type ParsedCsv, parseCsv } from './csv.ts';
import { customerImporter } from './customers.ts';
import { describeIssues } from './fields.ts';
import type { ImportEntity, Importer, ValidRow } from './importer.ts';

export interface ImportInput {
  orgId: string;
  entity: ImportEntity;
  csv: string | Buffer | Readable;
  /** Import the good lines even when some are bad (the bad ones are still reported). */
  skipInvalid: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  entity: ImportEntity;
  /** Data lines in the file, good and bad. */
  rows: number;
  /** Every bad line, in file order, with all its reasons. */
  invalid: LineProblem[];
  /** False when bad lines stopped the import: then nothing was written. */
  imported: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

/** Rows per write transaction, and per lookup while validating. */
const writeBatch = 1000;
const lookupBatch = 5000;

/**
 * Imports one CSV file. The whole file is validated first (row schema, repeats within the file,
 * references into the database); only then is anything written, in batches of set-based upserts.
 */
export async function importCsv(deps: { db: Db; clock: Clock }, input: ImportInput): Promise<ImportReport> {
  const parsed = await parseCsv(input.csv);
  switch (input.entity) {
    case 'customers':
      return runImport(deps, input, parsed, customerImporter);
    case 'contacts':
      return runImport(deps, input, parsed, contactImporter);
    case 'activities':
      return runImport(deps, input, parsed, activityImporter);
    case 'signals':
      return runImport(deps, input, parsed, signalImporter);
  }
}

async function runImport<Row, Resolved>(
  { db, clock }: { db: Db; clock: Clock },
  input: ImportInput,
  parsed: ParsedCsv,
  importer: Importer<Row, Resolved>,
): Promise<ImportReport> {
  checkHeader(importer, parsed.columns);
  const problems = new Map<number, string[]>();
  const addProblem = ({ line, reason }: LineProblem): void => {
    problems.set(line, [...(problems.get(line) ?? []), reason]);
  };
  for (const problem of parsed.problems) addProblem(problem);

  const valid: ValidRow<Row>[] = [];
  for (const record of parsed.records) {
    const result = importer.schema.safeParse(record.values);
    if (result.success) valid.push({ line: record.line, row: result.data });
    else addProblem({ line: record.line, reason: describeIssues(result.error) });
  }
  const unique = dropRepeats(valid, importer, addProblem);

  const startedAt = clock.now();
  const resolved: ValidRow<Resolved>[] = [];
  for (let start = 0; start < unique.length; start += lookupBatch) {
    const chunk = unique.slice(start, start + lookupBatch);
    const result = await inOrg(db, input.orgId, (tx) => importer.resolve(tx, input.orgId, chunk, startedAt));
    resolved.push(...result.resolved);
    for (const problem of result.problems) addProblem(problem);
  }

  const invalid = [...problems.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, reasons]) => ({ line, reason: reasons.join('; ') }));
  const report: ImportReport = {
    entity: importer.entity,
    rows: parsed.records.length + parsed.problems.length,
    invalid,
    imported: false,
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  if (invalid.length > 0 && !input.skipInvalid) return report;

  const context = { orgId: input.orgId, now: startedAt, columns: new Set(parsed.columns) };
  input.onProgress?.(0, resolved.length);
  for (let start = 0; start < resolved.length; start += writeBatch) {
    const rows = resolved.slice(start, start + writeBatch).map((r) => r.row);
    const counts = await inOrg(db, input.orgId, (tx) => importer.write(tx, context, rows));
    report.created += counts.created;
    report.updated += counts.updated;
    report.unchanged += rows.length - counts.created - counts.updated;
    input.onProgress?.(Math.min(resolved.length, start + writeBatch), resolved.length);
  }
  // The embedded database has no autovacuum to notice a table that just grew.
  if (report.created > 0)
    await db.execute(
      sql`analyze ${sql.join(
        importer.tables.map((t) => sql`${t}`),
        sql`, `,
      )}`,
    );
  return { ...report, imported: true };
}

/** A header the importer cannot read stops everything: a misspelt optional column would lose its data. */
function checkHeader<Row, Resolved>(importer: Importer<Row, Resolved>, columns: string[]): void {
  const known = [...importer.requiredColumns, ...importer.optionalColumns];
  const expected = `the columns of a ${importer.entity} file are ${importer.requiredColumns.join(', ')} (required) and ${importer.optionalColumns.join(', ')}`;
  if (columns.length === 0) throw new DomainError('BAD_REQUEST', `the file is empty: ${expected}`);
  const unknown = columns.filter((c) => !known.includes(c));
  const missing = importer.requiredColumns.filter((c) => !columns.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  const faults = [
    ...unknown.map((c) => `unknown column "${c}"`),
    ...missing.map((c) => `missing column "${c}"`),
    ...repeated.map((c) => `column "${c}" appears twice`),
  ];
  if (faults.length > 0) throw new DomainError('BAD_REQUEST', `line 1: ${faults.join('; ')}; ${expected}`);
}

/** The first line with a key wins; later lines with the same key are reported against it. */
function dropRepeats<Row, Resolved>(
  rows: ValidRow<Row>[],
  importer: Importer<Row, Resolved>,
  addProblem: (problem: LineProblem) => void,
): ValidRow<Row>[] {
  const firstLine = new Map<string, number>();
  return rows.filter(({ line, row }) => {
    const repeats = importer
      .uniqueWithinFile(row)
      .filter(({ value }) => firstLine.has(value))
      .map(({ label, value }) => `${label} repeats line ${firstLine.get(value)}`);
    for (const { value } of importer.uniqueWithinFile(row))
      if (!firstLine.has(value)) firstLine.set(value, line);
    for (const reason of repeats) addProblem({ line, reason });
    return repeats.length === 0;
  });
}
