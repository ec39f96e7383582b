import type { ParsedComponents, ParsedResult } from 'chrono-node';
import { isoWithOffset } from '../../../clock.ts';
import { namesOnlyAWeekday, weekdayDay } from './due-weekdays.ts';
import type { LocalNlp } from './nlp.ts';

/** A deadline said without a time ("by Friday") means the end of that business day. */
const endOfBusinessHour = 17;
const partOfDay = /\b(morning|noon|afternoon|evening|tonight|night|midnight)\b/i;
/** chrono reads these as dates; in email they are not deadlines. */
const notDates = /^(24\/7|\d{1,2}\/7|the week|the day|now)$/i;
/**
 * What chrono does not know: "EOD", "COB", "end of day", "close of business", "by the end of the day".
 * "The end of the day" counts only after a preposition of time: "at the end of the day" means "in the
 * end".
 */
const endOfDay =
  /\b(eod|e\.o\.d\b|cob|close of business|end of (business )?day)|\b(by|before|until|till|for) (the )?end of the (business )?day/i;
const endOfWeek = /\b(end of (the |this )?week|eow)\b/i;
const dayMs = 86_400_000;
const hourMs = 3_600_000;

/**
 * The deadline a sentence names, resolved against `reference` (the message's or call's date, ISO
 * with offset — never the server's clock) and expressed in that offset; null when it names none.
 * Dates resolve forward: "by Friday" written on a Wednesday is this Friday (weekdays: see
 * `weekdayDay`). Of several dates, the first on or after the reference's day is the deadline ("the
 * notes from yesterday by Friday"); a sentence naming only past days keeps the first of them, so an
 * overdue ask ("this was due yesterday") still reads as pressing.
 */
export function resolveDue(nlp: LocalNlp, sentence: string, reference: string): string | null {
  const offset = utcOffsetMinutes(reference);
  const instant = new Date(reference);
  if (endOfWeek.test(sentence)) return isoWithOffset(comingFriday(instant, offset), offset);
  const endOfDayAt = endOfDay.exec(sentence);
  const results = nlp.chrono
    .parse(sentence, { instant, timezone: offset }, { forwardDate: true })
    .filter(
      (r) => !notDates.test(r.text.trim()) && !/^\s*ago\b/i.test(sentence.slice(r.index + r.text.length)),
    );
  const dayEnded = (r: ParsedResult) => !!endOfDayAt && besideEachOther(sentence, r, endOfDayAt);
  const dates = results.map((r) => dateOf(r, dayEnded(r), instant, offset));
  // "EOD" on its own is today's; beside a day ("EOD Friday", "tomorrow by end of day") it is that day's.
  if (endOfDayAt && !results.some(dayEnded)) dates.unshift(atHour(instant, offset, endOfBusinessHour));
  const today = dayNumber(instant, offset);
  const date = dates.find((d) => dayNumber(d, offset) >= today) ?? dates[0];
  return date ? isoWithOffset(date, offset) : null;
}

/** Whether a date and an "end of day" are said together: "EOD Friday", "tomorrow by end of day". */
function besideEachOther(sentence: string, result: ParsedResult, phrase: RegExpExecArray): boolean {
  const [first, second] =
    result.index < phrase.index
      ? [result.index + result.text.length, phrase.index]
      : [phrase.index + phrase[0].length, result.index];
  return /^[\s,]*((by|on|at|of)\s+)?$/i.test(sentence.slice(first, Math.max(first, second)));
}

/** The instant one chrono result means, at the time of day the sentence gives or implies. */
function dateOf(result: ParsedResult, endsTheDay: boolean, reference: Date, offset: number): Date {
  const component = result.end ?? result.start;
  const date = timeOfDay(component, result.text, endsTheDay, { reference, offset });
  if (!namesOnlyAWeekday(component)) return date;
  const timeNamed = endsTheDay || component.isCertain('hour') || partOfDay.test(result.text);
  const weekday = component.get('weekday') ?? 0;
  return weekdayDay({ date, weekday, text: result.text, timeNamed }, reference, offset);
}

function timeOfDay(
  component: ParsedComponents,
  text: string,
  endsTheDay: boolean,
  { reference, offset }: { reference: Date; offset: number },
): Date {
  const date = component.date();
  if (endsTheDay || (!component.isCertain('hour') && !partOfDay.test(text)))
    return atHour(date, offset, endOfBusinessHour);
  if (component.isCertain('hour') && !component.isCertain('meridiem') && (component.get('hour') ?? 12) < 8)
    return afternoonOf(component, date, reference);
  return date;
}

/**
 * "At 2" in business talk is 2 pm. chrono forward-dated a bare time by its morning reading, so "at 2"
 * said at 10 came out tomorrow; at 2 pm it is still ahead today.
 */
function afternoonOf(component: ParsedComponents, date: Date, reference: Date): Date {
  const afternoon = new Date(date.getTime() + 12 * hourMs);
  const onlyTime =
    !component.isCertain('day') && !component.isCertain('weekday') && !component.isCertain('month');
  const sameTimeToday = new Date(afternoon.getTime() - dayMs);
  return onlyTime && afternoon.getTime() - reference.getTime() > dayMs && sameTimeToday > reference
    ? sameTimeToday
    : afternoon;
}

/** "End of the week": the Friday of the reference's week, or the coming one at a weekend. */
function comingFriday(instant: Date, offset: number): Date {
  const weekday = new Date(instant.getTime() + offset * 60_000).getUTCDay();
  const untilFriday = (5 - weekday + 7) % 7;
  return atHour(new Date(instant.getTime() + untilFriday * dayMs), offset, endOfBusinessHour);
}

/** The calendar day `date` falls on in `offset`, as a count of days. */
function dayNumber(date: Date, offset: number): number {
  return Math.floor((date.getTime() + offset * 60_000) / dayMs);
}

/** The same calendar day in `offset`, at `hour`:00 there. */
function atHour(date: Date, offset: number, hour: number): Date {
  const local = new Date(date.getTime() + offset * 60_000);
  local.setUTCHours(hour, 0, 0, 0);
  return new Date(local.getTime() - offset * 60_000);
}

export function utcOffsetMinutes(isoDateTime: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(isoDateTime);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
