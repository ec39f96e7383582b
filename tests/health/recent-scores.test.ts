import { describe, expect, it } from 'vitest';
import {
  peakOfWeekBefore,
  type RecentScores,
  scoreDaysBefore,
  withScore,
} from '../../backend/health/recent-scores.ts';

const dayMs = 86_400_000;
const start = Date.parse('2026-01-01');
const dayOf = (n: number) => new Date(start + n * dayMs).toISOString().slice(0, 10);

/** What the history table says: the latest score on a day at least `back` days before `day`. */
function fromHistory(history: Map<number, number>, day: number, back: number): number | null {
  const days = [...history.keys()].filter((d) => d <= day - back);
  return days.length ? (history.get(Math.max(...days)) as number) : null;
}

/** The week before `day` in the history, with the current score when it is that recent. */
function peakFromHistory(history: Map<number, number>, current: number, day: number): number | null {
  const week = [...history.entries()].filter(([d]) => d >= day - 7 && d < day).map(([, s]) => s);
  if (current >= day - 7) week.push(history.get(current) as number);
  return week.length ? Math.max(...week) : null;
}

/** A seeded sequence, so a failure names the days it failed on. */
function days(seed: number, count: number): number[] {
  let x = seed;
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
  const out: number[] = [];
  let day = 0;
  for (let i = 0; i < count; i++) {
    const r = next();
    day += r < 0.3 ? 0 : r < 0.8 ? 1 : r < 0.95 ? Math.ceil(next() * 20) : Math.ceil(next() * 150);
    out.push(day);
  }
  return out;
}

describe('the recent scores a current score keeps', () => {
  it('answer the deltas and the week’s peak as the whole history would, over gaps and same-day runs', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const history = new Map<number, number>();
      let recent: RecentScores | undefined;
      let current = -1;
      for (const [i, day] of days(seed, 300).entries()) {
        if (recent) {
          const context = `seed ${seed}, day ${day}`;
          for (const back of [7, 30, 90])
            expect(scoreDaysBefore(recent, dayOf(day), back), `${context}, ${back} days`).toBe(
              fromHistory(history, day, back),
            );
          expect(peakOfWeekBefore(recent, dayOf(day)), `${context}, peak`).toBe(
            peakFromHistory(history, current, day),
          );
        }
        const score = (i * 37) % 101;
        recent = withScore(recent, dayOf(day), score);
        history.set(day, score);
        current = day;
        expect(recent.scores.length).toBeLessThanOrEqual(91);
      }
    }
  });

  it('take a backfilled earlier day into the window, or as the latest before it, without moving the current day', () => {
    let recent = withScore(undefined, dayOf(200), 70);
    recent = withScore(recent, dayOf(195), 40);
    expect(recent.day).toBe(dayOf(200));
    expect(scoreDaysBefore(recent, dayOf(200), 5)).toBe(40);
    recent = withScore(recent, dayOf(20), 10);
    recent = withScore(recent, dayOf(10), 5);
    expect(recent.earlier).toEqual({ day: dayOf(20), score: 10 });
    expect(scoreDaysBefore(recent, dayOf(200), 90)).toBe(10);
  });
});
