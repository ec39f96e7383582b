/**
 * Moments as a person reads and types them: the wall-clock time in their own time zone, in the form a
 * `datetime-local` input holds ("2026-12-03T10:00"), and back to the instant it names there.
 */

import { zoneOffsetMinutes } from '../../lib/zone-offset.ts';

const minuteMs = 60_000;
const wallTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The zone's offset at `instantMs`, in ms. */
const offsetAt = (instantMs: number, timeZone: string) => zoneOffsetMinutes(instantMs, timeZone) * minuteMs;

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** The wall-clock minute `iso` falls on in `timeZone`, as a `datetime-local` input's value. */
export function wallTimeOf(iso: string, timeZone: string): string {
  const instantMs = Date.parse(iso);
  const wall = new Date(instantMs + offsetAt(instantMs, timeZone));
  const date = `${wall.getUTCFullYear()}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(wall.getUTCDate())}`;
  return `${date}T${twoDigits(wall.getUTCHours())}:${twoDigits(wall.getUTCMinutes())}`;
}

/**
 * The instant (ISO, UTC) that `wall` names in `timeZone`, or null when it is not a date and time.
 * A time the clocks skip (spring forward) is read by the offset before the change, so it lands as much
 * later as they jumped; a time they pass twice (fall back) is its first.
 */
export function instantOf(wall: string, timeZone: string): string | null {
  const match = wallTimePattern.exec(wall.trim());
  if (!match) return null;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0] = match.slice(1).map(Number);
  const asUtcMs = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtcMs);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  // The offset an hour either side of the guess: the earlier one for a time passed twice, and for a
  // skipped one the offset in force before the change.
  const before = offsetAt(asUtcMs - 60 * minuteMs - offsetAt(asUtcMs, timeZone), timeZone);
  const after = offsetAt(asUtcMs + 60 * minuteMs - offsetAt(asUtcMs, timeZone), timeZone);
  for (const offset of [before, after]) {
    const instantMs = asUtcMs - offset;
    if (offsetAt(instantMs, timeZone) === offset) return new Date(instantMs).toISOString();
  }
  return new Date(asUtcMs - before).toISOString();
}
