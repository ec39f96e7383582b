/**
 * Dates as a draft says them ("Friday, November 27", "March 15, 2027"), worked out on the calendar
 * day an ISO value names in its own offset: a renewal on 2027-03-15 is March 15 wherever the server runs.
 */
const dayMs = 86_400_000;

const withWeekday = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});
const withYear = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
});
const monthDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric' });

/** The calendar day of an ISO date or date-time, as written (its own offset). */
export function calendarDay(iso: string): string {
  return iso.slice(0, 10);
}

function utcMidnight(day: string): number {
  return Date.parse(`${calendarDay(day)}T00:00:00Z`);
}

/** "Friday, November 27": a day within the coming weeks. */
export function weekdayDate(iso: string): string {
  return withWeekday.format(utcMidnight(iso));
}

/** "March 15, 2027", or "March 15" in the year of `today`. */
export function calendarDate(iso: string, today: string): string {
  const sameYear = calendarDay(iso).slice(0, 4) === calendarDay(today).slice(0, 4);
  return (sameYear ? monthDay : withYear).format(utcMidnight(iso));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / dayMs);
}

/** The day `count` working days (Monday to Friday) after `from`, as YYYY-MM-DD. */
export function addBusinessDays(from: string, count: number): string {
  let time = utcMidnight(from);
  let left = count;
  while (left > 0) {
    time += dayMs;
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(time).toISOString().slice(0, 10);
}
