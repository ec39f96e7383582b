import type { LocalNlp } from './nlp.ts';

/** A deadline said without a time ("by Friday") means the end of that business day. */
const endOfBusinessHour = 17;
const partOfDay = /\b(morning|noon|afternoon|evening|tonight|night|midnight)\b/i;
/** chrono reads these as dates; in email they are not deadlines. */
const notDates = /^(24\/7|\d{1,2}\/7|the week|the day|now)$/i;
const dayMs = 86_400_000;

/**
 * The deadline a sentence names, resolved against `reference` (the message's date, ISO with offset)
 * and expressed in that offset; null when it names none. Dates resolve forward: "by Friday" written
 * on a Wednesday is this Friday.
 */
export function resolveDue(nlp: LocalNlp, sentence: string, reference: string): string | null {
  const offset = utcOffsetMinutes(reference);
  const instant = new Date(reference);
  const named = namedDeadline(sentence, instant, offset);
  if (named) return formatInOffset(named, offset);
  const result = nlp.chrono
    .parse(sentence, { instant, timezone: offset }, { forwardDate: true })
    .find(
      (r) => !notDates.test(r.text.trim()) && !/^\s*ago\b/i.test(sentence.slice(r.index + r.text.length)),
    );
  if (!result) return null;
  const component = result.end ?? result.start;
  let date = component.date();
  if (!component.isCertain('hour') && !partOfDay.test(result.text))
    date = atHour(date, offset, endOfBusinessHour);
  else if (
    component.isCertain('hour') &&
    !component.isCertain('meridiem') &&
    (component.get('hour') ?? 12) < 8
  )
    date = new Date(date.getTime() + 12 * 3_600_000); // "at 2" in business mail is 2 pm
  return formatInOffset(date, offset);
}

/** What chrono does not know: "EOD", "COB", "end of day" (with "tomorrow"), "end of the week". */
function namedDeadline(sentence: string, instant: Date, offset: number): Date | null {
  if (/\b(eod|e\.o\.d\b|cob|end of (the )?(business )?day|close of business)/i.test(sentence)) {
    const days = /\btomorrow\b/i.test(sentence) ? 1 : 0;
    return atHour(new Date(instant.getTime() + days * dayMs), offset, endOfBusinessHour);
  }
  if (/\b(end of (the |this )?week|eow)\b/i.test(sentence)) {
    const weekday = new Date(instant.getTime() + offset * 60_000).getUTCDay();
    const untilFriday = (5 - weekday + 7) % 7;
    return atHour(new Date(instant.getTime() + untilFriday * dayMs), offset, endOfBusinessHour);
  }
  return null;
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

export function formatInOffset(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hours}:${String(abs % 60).padStart(2, '0')}`;
}
