export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** `date` as ISO 8601 on a clock `offset` minutes from UTC ("2026-12-03T16:00:00-08:00"). */
export function isoWithOffset(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hours}:${String(abs % 60).padStart(2, '0')}`;
}
