import { emptyFeatures, type HealthFeatures } from '../health/model/features.ts';
import type { TelcoRow } from './health-telco-rows.ts';

/**
 * The file is one snapshot with no dates: its rows are read as of this day, and renewal dates are
 * counted from it. Only differences between days matter to the components.
 */
export const telcoSnapshotDay = '2020-06-01';

/** The add-on services: key-feature adoption (a support plan is one). */
const keyFeatures = [
  'OnlineSecurity',
  'OnlineBackup',
  'DeviceProtection',
  'TechSupport',
  'StreamingTV',
  'StreamingMovies',
] as const satisfies readonly (keyof TelcoRow)[];

const termMonths = { 'Month-to-month': 1, 'One year': 12, 'Two year': 24 } as const;
const daysPerMonth = 365.25 / 12;

/**
 * What a CS team of this telco would feed CSCX about one customer, and nothing more (docs/health.md,
 * "Calibration"): when the first contract started (tenure), the current contract's term and renewal
 * date, the key features in use, and how the customer pays. The file has no tickets, surveys, emails,
 * meetings, calls, contacts or arrears, so those components stay without data (null), and the label is
 * never read here.
 */
export function telcoRowToFeatures(row: TelcoRow): HealthFeatures {
  const features = emptyFeatures(row.customerID, telcoSnapshotDay);
  const daysToRenewal = daysToNextRenewal(row);
  features.renewal = { daysToRenewal, renewalDate: addDays(telcoSnapshotDay, daysToRenewal) };
  features.relationship = {
    daysSinceFirstContract: Math.round((row.tenure + 0.5) * daysPerMonth),
    currentTermDays: Math.round(termMonths[row.Contract] * daysPerMonth),
  };
  features.usage = { ...features.usage, adoption30d: keyFeatureAdoption(row) };
  // The file bills every customer; it does not say who is behind, so every account is current.
  features.billing = {
    status: 'current',
    daysPastDue: 0,
    autopay: row.PaymentMethod.endsWith('(automatic)'),
  };
  return features;
}

/**
 * Days to the end of the current term, taking the term to have started with the tenure (the file does
 * not say when a contract was signed) and today to be mid-month (tenure is in whole months). A
 * month-to-month customer is always about half a month from the next renewal.
 */
function daysToNextRenewal(row: TelcoRow): number {
  const term = termMonths[row.Contract];
  const monthsLeft = term - (row.tenure % term);
  return Math.max(0, Math.round(monthsLeft * daysPerMonth - daysPerMonth / 2));
}

/** Share of the key features in use (a support plan is one); null without internet service (none offered). */
function keyFeatureAdoption(row: TelcoRow): number | null {
  if (row.InternetService === 'No') return null;
  return keyFeatures.filter((column) => row[column] === 'Yes').length / keyFeatures.length;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
