import { zoneOffsetMinutes } from '../../lib/zone-offset.ts';

/**
 * The zone Calendar shows its times in: the account's zone (an IANA name the page carries), else a
 * fixed offset, else the browser's zone. Offsets are looked up per date, so summer time is right.
 */
export type PageZone = { name: string } | { offsetMinutes: number };

export function isTimeZoneName(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** "2026-04-26" + "14:00" → "2026-04-26T14:00:00+02:00" for the wall-clock time in the page's zone. */
export function zonedDateTime(date: string, time: string, zone: PageZone): string {
  const offset = 'offsetMinutes' in zone ? zone.offsetMinutes : offsetOfWallClock(date, time, zone.name);
  return `${date}T${time}:00${formatOffset(offset)}`;
}

function offsetOfWallClock(date: string, time: string, zoneName: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the instant the wall clock shows; a second look settles times near a change.
  const first = zoneOffsetMinutes(asUtc, zoneName);
  const second = zoneOffsetMinutes(asUtc - first * 60_000, zoneName);
  return second;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
