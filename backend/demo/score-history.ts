import { type InOrg, recomputeOrg } from '../health/recompute.ts';

/** How far back a new demo book's scores go: the Health tab's sparkline and its 7/30/90-day deltas. */
export const demoHistoryDays = 90;

/** The last days are scored daily (the week's fall and the 7-day delta); the weeks before, weekly. */
const dailyDays = 14;

const dayMs = 86_400_000;

/** The days before today the demo scores, oldest first: weekly from 90 days back, then daily. */
export function demoHistoryDaysBack(): number[] {
  const back: number[] = [];
  for (let days = demoHistoryDays; days > dailyDays; days -= 7) back.push(days);
  for (let days = dailyDays; days >= 1; days--) back.push(days);
  return back;
}

export interface DemoScoring {
  orgId: string;
  inOrg: InOrg;
  now: Date;
  /** A new book: its past days are scored first. */
  withHistory: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The book scored as the daily schedule would have scored it (from the signals as they stood each
 * day), oldest first, then today: weekly over the last `demoHistoryDays`, daily over the last two
 * weeks, so a large demo book is seeded in seconds. The past days raise no alerts: today's run raises
 * what holds today, as a CSM opening the demo would expect.
 */
export async function scoreDemoBook(scoring: DemoScoring) {
  const { orgId, inOrg, now } = scoring;
  const pastDays = scoring.withHistory ? demoHistoryDaysBack() : [];
  const total = pastDays.length + 1;
  for (const [i, back] of pastDays.entries()) {
    await recomputeOrg({ orgId, inOrg, now: new Date(now.getTime() - back * dayMs), raiseAlerts: false });
    scoring.onProgress?.(i + 1, total);
  }
  const today = await recomputeOrg({ orgId, inOrg, now });
  scoring.onProgress?.(total, total);
  return today;
}
