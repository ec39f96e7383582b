import { type InOrg, recomputeOrg } from '../health/recompute.ts';

/** Days of scores a new demo book gets before today's: the Health tab's sparkline and its 7/30/90-day deltas. */
export const demoHistoryDays = 90;

const dayMs = 86_400_000;

export interface DemoScoring {
  orgId: string;
  inOrg: InOrg;
  now: Date;
  /** A new book: its past days are scored first. */
  withHistory: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The book scored as the daily schedule would have scored it over the last `demoHistoryDays` (from
 * the signals as they stood each day), oldest first, then today. The past days raise no alerts:
 * today's run raises what holds today, as a CSM opening the demo would expect.
 */
export async function scoreDemoBook(scoring: DemoScoring) {
  const { orgId, inOrg, now } = scoring;
  const pastDays = scoring.withHistory ? demoHistoryDays : 0;
  for (let back = pastDays; back >= 1; back--) {
    await recomputeOrg({ orgId, inOrg, now: new Date(now.getTime() - back * dayMs), raiseAlerts: false });
    scoring.onProgress?.(pastDays - back + 1, pastDays + 1);
  }
  const today = await recomputeOrg({ orgId, inOrg, now });
  scoring.onProgress?.(pastDays + 1, pastDays + 1);
  return today;
}
