import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';

export interface CsvRecord {
  /** 1-based line in the file where the record starts (a quoted field may span lines). */
  line: number;
  values: Record<string, string>;
}

export interface LineProblem {
  line: number;
  reason: string;
}

export interface ParsedCsv {
  /** Header names, trimmed and lower-cased. */
  columns: string[];
  records: CsvRecord[];
  /** Records the parser could not read (wrong number of fields, a broken quote). */
  problems: LineProblem[];
}

/**
 * Reads a whole CSV file with `csv-parse`. A malformed record is reported with its line and skipped,
 * so one stray quote does not hide every other problem in the file.
 */
export async function parseCsv(input: string | Buffer | Readable): Promise<ParsedCsv> {
  let columns: string[] = [];
  const problems: LineProblem[] = [];
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      columns = header.map((h) => h.trim().toLowerCase());
      return columns;
    },
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error)
        problems.push({
          line: typeof error.lines === 'number' ? error.lines : 0,
          reason: describeParseError(error, columns.length),
        });
    },
  });
  if (typeof input === 'string' || Buffer.isBuffer(input)) parser.end(input);
  else input.pipe(parser);

  const records: CsvRecord[] = [];
  for await (const entry of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
    raw: string;
  }>) {
    records.push({ line: startLine(entry.info.lines, entry.raw), values: entry.record });
  }
  problems.sort((a, b) => a.line - b.line);
  return { columns, records, problems };
}

/** The parser counts lines to the end of a record; skipped blank lines ride along at the front of `raw`. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function describeParseError(error: CsvError, headerColumns: number): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return `wrong number of fields (the header has ${headerColumns})`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote closes in the middle of a field (check the quotes on this line and the lines before)';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    default:
      return error.message;
  }
}
