import type { ParsedComponents } from 'chrono-node';

const dayMs = 86_400_000;

/** A mention that names a weekday and no date: "Friday", "on Wednesday", "next Monday". */
export function namesOnlyAWeekday(component: ParsedComponents): boolean {
  return component.isCertain('weekday') && !component.isCertain('day') && !component.isCertain('month');
}

export interface WeekdayMention {
  /** chrono's reading, already at the time of day the sentence means. */
  date: Date;
  weekday: number;
  /** What chrono matched ("next Monday", "Wednesday at 3"), to read its modifier. */
  text: string;
  /** Whether the sentence says when in the day ("at 3", "afternoon", "end of day"). */
  timeNamed: boolean;
}

/**
 * The day a weekday-only mention means, counted from the call's own date and clock (`reference`, in
 * `offset`), at the mention's time of day. chrono's forward-dating compares its implied noon with the
 * reference's clock, so "by Wednesday" said on a Wednesday was today before noon and next week after
 * it; and it moves "last Friday" forward too. The rules here:
 *
 * - a bare weekday is the next one to come; said on that same weekday it is a week later ("by
 *   Wednesday" on a Wednesday: nobody says that for today), unless it names a time still ahead that
 *   day ("Wednesday at 3" said on Wednesday at 10 is today at 15:00);
 * - "this Wednesday" on a Wednesday is today;
 * - "next Monday" keeps chrono-node's reading (`getDaysToWeekday` with "next"): that weekday in the
 *   following week, weeks starting on Sunday as US calendars draw them. Said on a Sunday "next Monday"
 *   is tomorrow; said on a Wednesday "next Friday" is nine days later and "next Wednesday" seven.
 *   People differ on these; this is the parser's documented choice, kept so both readings agree;
 * - "last Friday", "past Monday" are the one before the reference day.
 */
export function weekdayDay(mention: WeekdayMention, reference: Date, offset: number): Date {
  const modifier = /\b(this|next|last|past)\b/i.exec(mention.text)?.[1]?.toLowerCase();
  if (modifier === 'next') return mention.date;
  const referenceWeekday = new Date(reference.getTime() + offset * 60_000).getUTCDay();
  const ahead = (mention.weekday - referenceWeekday + 7) % 7;
  if (modifier === 'last' || modifier === 'past')
    return onDayFromReference(mention.date, reference, offset, ahead - 7);
  const today = onDayFromReference(mention.date, reference, offset, ahead);
  if (ahead > 0 || modifier === 'this') return today;
  return mention.timeNamed && today > reference ? today : new Date(today.getTime() + 7 * dayMs);
}

/** `date`'s time of day (in `offset`) on the day `days` after the reference's own day. */
function onDayFromReference(date: Date, reference: Date, offset: number, days: number): Date {
  const offsetMs = offset * 60_000;
  const referenceDay = Math.floor((reference.getTime() + offsetMs) / dayMs);
  const timeOfDay = (((date.getTime() + offsetMs) % dayMs) + dayMs) % dayMs;
  return new Date((referenceDay + days) * dayMs + timeOfDay - offsetMs);
}
