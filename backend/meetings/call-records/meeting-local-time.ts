import { isoWithOffset } from '../../clock.ts';

/**
 * A moment as the clock of `timeZone` read it, as ISO 8601 with that zone's offset then
 * ("2026-12-03T16:00:00-08:00"): what the analysis resolves "by Friday" and "tomorrow" against, so a
 * call late in a Pacific afternoon is still that day's, not the next UTC day's. An unknown zone
 * reads as UTC.
 */
export function meetingLocalTime(at: Date, timeZone: string): string {
  return isoWithOffset(at, offsetMinutes(at, timeZone));
}

function offsetMinutes(at: Date, timeZone: string): number {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return 0;
  }
  // "GMT-08:00", "GMT+05:30", or "GMT" for UTC itself.
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
