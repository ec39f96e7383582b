import type { CalendarEventContext } from '../../../shared/host-context.ts';
import { type DateLineContext, parseEventTimes } from './event-time.ts';

/** Start and end from the page's lines, and the recurrence from whichever line is not the times. */
export function readWhen(
  lines: readonly string[],
  dates: DateLineContext,
): Pick<CalendarEventContext, 'start' | 'end' | 'recurrence'> {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let times = parseEventTimes(line, dates);
    let used = 1;
    const next = lines[i + 1];
    // The date and the times may sit in separate blocks: "Thursday, April 30" / "10:00 – 11:00am".
    if (times && !times.timed && !times.end && next) {
      const joined = parseEventTimes(`${line} ⋅ ${next}`, dates);
      if (joined?.timed) [times, used] = [joined, 2];
    }
    if (!times) continue;
    const others = [...lines.slice(0, i), times.rest, ...lines.slice(i + used)].filter(Boolean);
    return { start: times.start, end: times.end, recurrence: others.join(', ') || null };
  }
  const [first = null, ...others] = lines;
  return { start: first, end: null, recurrence: others.join(', ') || null };
}
