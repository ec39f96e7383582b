import { z } from 'zod';
import { domain } from '../../shared/api/common.ts';

/** Source of rows whose file has no `source` column: what the upsert key's middle part defaults to. */
export const defaultImportSource = 'csv';

/** An empty cell means "no value": the column's default on create, or null where the column allows it. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

export function requiredText(max: number) {
  return z.preprocess(
    blankToUndefined,
    z.string({ error: 'required' }).trim().max(max, `at most ${max} characters`),
  );
}

/** For a required enum or date: "required" when the cell is empty, the schema's own message otherwise. */
export const requiredError = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : undefined),
};

export const externalId = requiredText(200);

export const source = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(50)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-" only')
    .default(defaultImportSource),
);

/** `acme.example; acme-eu.example` or space-separated; normalised and de-duplicated. */
export const domainList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? [
          ...new Set(
            value
              .split(/[;\s]+/)
              .map((d) => d.trim())
              .filter(Boolean),
          ),
        ]
      : [],
  z.array(domain).max(20, 'at most 20 domains'),
);

/**
 * A money amount in the currency's major unit (`125000`, `125000.50`) as integer minor units, in
 * exact decimal arithmetic. Thousands separators are refused: `1,250` means different things in
 * different countries.
 */
export function toMinorUnits(amount: string, currencyCode: string): number | string {
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return 'a plain number such as 125000.50 (no thousands separators)';
  const digits = fractionDigits(currencyCode);
  const fraction = match[2] ?? '';
  if (fraction.length > digits)
    return digits === 0 ? `${currencyCode} has no minor unit` : `at most ${digits} decimals`;
  const minor = Number(`${match[1]}${fraction.padEnd(digits, '0')}`);
  if (minor > 1e13) return 'too large';
  return minor;
}

function fractionDigits(currencyCode: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: currencyCode }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** `path: message; path: message` for one line of the report. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
