/**
 * How far `timeZone`'s clocks are ahead of UTC at `instantMs`, in whole minutes (negative west of
 * Greenwich): the wall clock Intl shows there, read back as if it were UTC. Looked up per instant,
 * so summer time is right.
 */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const parts = wallClockFormat(timeZone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((wallClock - Math.floor(instantMs / 60_000) * 60_000) / 60_000);
}

/** One formatter per zone: a wall-clock reading takes several look-ups, and each formatter is costly to make. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}
