import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DomainError } from '../domain-error.ts';

const yesNo = z.enum(['Yes', 'No']);
const internetAddOn = z.enum(['Yes', 'No', 'No internet service']);

/** One customer of a file in the format of `../shared/data/telco-churn` (its SOURCE.md names the columns). */
export const telcoRow = z.object({
  customerID: z.string().min(1),
  gender: z.enum(['Male', 'Female']),
  SeniorCitizen: z.enum(['0', '1']),
  Partner: yesNo,
  Dependents: yesNo,
  tenure: z.coerce.number().int().min(0),
  PhoneService: yesNo,
  MultipleLines: z.enum(['Yes', 'No', 'No phone service']),
  InternetService: z.enum(['DSL', 'Fiber optic', 'No']),
  OnlineSecurity: internetAddOn,
  OnlineBackup: internetAddOn,
  DeviceProtection: internetAddOn,
  TechSupport: internetAddOn,
  StreamingTV: internetAddOn,
  StreamingMovies: internetAddOn,
  Contract: z.enum(['Month-to-month', 'One year', 'Two year']),
  PaperlessBilling: yesNo,
  PaymentMethod: z.enum([
    'Electronic check',
    'Mailed check',
    'Bank transfer (automatic)',
    'Credit card (automatic)',
  ]),
  MonthlyCharges: z.coerce.number().min(0),
  // Blank for customers in their first month (nothing billed yet): read as 0.
  TotalCharges: z
    .string()
    .transform((text) => (text.trim() === '' ? 0 : Number(text)))
    .pipe(z.number().min(0)),
  Churn: yesNo,
});
export type TelcoRow = z.infer<typeof telcoRow>;

export const telcoColumns = Object.keys(telcoRow.shape) as (keyof TelcoRow)[];

/** Every `*.csv` of a folder (or the one file given), in name order. */
export function telcoFiles(datasetPath: string): string[] {
  if (statSync(datasetPath).isFile()) return [datasetPath];
  return readdirSync(datasetPath)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => path.join(datasetPath, name));
}

/** The whole file is checked: a bad row names its file and line rather than being skipped. */
export function readTelcoRows(file: string): TelcoRow[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0]?.split(',').map((cell) => cell.trim()) ?? [];
  const missing = telcoColumns.filter((column) => !header.includes(column));
  if (missing.length > 0)
    throw new DomainError('BAD_REQUEST', `${file}: missing column(s) ${missing.join(', ')}`);
  const rows: TelcoRow[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    const parsed = telcoRow.safeParse(Object.fromEntries(header.map((column, i) => [column, cells[i]])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError(
        'BAD_REQUEST',
        `${file} line ${index + 2}: ${issue?.path.join('.')} ${issue?.message}`,
      );
    }
    rows.push(parsed.data);
  });
  return rows;
}
