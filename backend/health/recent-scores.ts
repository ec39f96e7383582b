/**
 * The scores a customer was given on the days before its current one, kept on the current score's
 * row so that a recompute finds the deltas' reference scores (7, 30 and 90 days before) and the
 * week's peak without reading the history: `scores[i]` is the score of `day` minus i days (null on a
 * day it was not scored), for `recentDays` days, and `earlier` the latest score before those.
 * The history table stays the record; this is what the next recompute needs of it.
 */
export interface RecentScores {
  /** The current score's day: `scores[0]` is its score. */
  day: string;
  scores: (number | null)[];
  earlier: { day: string; score: number } | null;
}

/** Enough for the 90-day delta: the score 90 days before is at index 90. */
export const recentDays = 91;

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);
const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(day) - days * dayMs).toISOString().slice(0, 10);

/** The latest score kept on a day at least `back` days before `day` (the nearest earlier day). */
export function scoreDaysBefore(recent: RecentScores, day: string, back: number): number | null {
  // Index i holds the date recent.day − i; wanted: the smallest i whose date is ≤ day − back.
  const from = Math.max(0, back - daysBetween(recent.day, day));
  for (let i = from; i < recent.scores.length; i++) {
    const score = recent.scores[i];
    if (score !== null && score !== undefined) return score;
  }
  return recent.earlier && recent.earlier.day <= dayBefore(day, back) ? recent.earlier.score : null;
}

/**
 * The highest score of the 7 days before `day` (not counting `day`'s own earlier run), with the
 * current score counted when its day is one of those 7 or `day` itself: what a drop is measured from.
 */
export function peakOfWeekBefore(recent: RecentScores, day: string): number | null {
  const ahead = daysBetween(recent.day, day);
  const scores: number[] = [];
  for (let i = Math.max(1, 1 - ahead); i <= Math.min(recent.scores.length - 1, 7 - ahead); i++) {
    const score = recent.scores[i];
    if (score !== null && score !== undefined) scores.push(score);
  }
  const current = recent.scores[0];
  if (ahead <= 7 && current !== null && current !== undefined) scores.push(current);
  return scores.length > 0 ? Math.max(...scores) : null;
}

/**
 * The recent scores once `day` is scored `score`: a later (or the same) day becomes the current one
 * and the window moves with it, the scores leaving it giving `earlier` its latest; an earlier day
 * (a backfill) is written into the window, or into `earlier` when it is the latest before it.
 */
export function withScore(recent: RecentScores | undefined, day: string, score: number): RecentScores {
  if (!recent) return { day, scores: [score], earlier: null };
  const ahead = daysBetween(recent.day, day);
  if (ahead < 0) return backdated(recent, day, -ahead, score);
  const shifted: (number | null)[] = [score];
  for (let i = 1; i < recentDays; i++) shifted.push(recent.scores[i - ahead] ?? null);
  let earlier = recent.earlier;
  for (let i = Math.max(0, recentDays - ahead); i < recent.scores.length; i++) {
    const left = recent.scores[i];
    if (left === null || left === undefined) continue;
    earlier = { day: dayBefore(recent.day, i), score: left };
    break;
  }
  return { day, scores: trimmed(shifted), earlier };
}

function backdated(recent: RecentScores, day: string, behind: number, score: number): RecentScores {
  if (behind < recentDays) {
    const scores = [...recent.scores];
    while (scores.length <= behind) scores.push(null);
    scores[behind] = score;
    return { ...recent, scores };
  }
  const later = !recent.earlier || recent.earlier.day <= day;
  return later ? { ...recent, earlier: { day, score } } : recent;
}

/** No trailing nulls: a customer scored for the first time keeps a one-element array. */
function trimmed(scores: (number | null)[]): (number | null)[] {
  let end = scores.length;
  while (end > 1 && scores[end - 1] === null) end--;
  return scores.slice(0, end);
}
