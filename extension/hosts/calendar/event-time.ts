import { type DateWords, normaliseWord } from './date-words.ts';
import { type PageZone, zonedDateTime } from './time-zone.ts';

/**
 * Turns Calendar's date line, in any language the browser has month names for, into ISO date-times
 * with the page zone's offset: "Wednesday, April 26⋅2:00 – 3:00pm", "Donnerstag, 30. April⋅10:00 –
 * 11:00", "April 25, 2023, 11:15pm – April 26, 2023, 6:45am", "26.04.2026 14:00 – 26.04.2026 15:00".
 * Calendar omits the year for the current one and the start's am/pm when it equals the end's, so both
 * are inferred. Words before the date (the weekday) are skipped; what follows the times after a "⋅"
 * is handed back as `rest` (a recurrence glued onto the line). Anything else yields null.
 */
export interface EventTimes {
  start: string;
  end: string | null;
  rest: string;
  /** False for an all-day date, which has no time of day. */
  timed: boolean;
}

export interface DateLineContext {
  referenceYear: number;
  words: DateWords;
  zone: PageZone;
}

interface Moment {
  year?: number | null;
  month?: number;
  day?: number;
  time?: { hour: number; minute: number; meridiem: Meridiem | null };
}
type Meridiem = 'am' | 'pm';

type Token = { at: number } & (
  | { kind: 'range' | 'dot' | 'word' }
  | { kind: 'time'; hour: number; minute: number; meridiem: Meridiem | null }
  | { kind: 'date'; year: number; month: number; day: number }
  | { kind: 'month'; month: number }
  | { kind: 'year'; year: number }
  | { kind: 'number'; value: number }
);

export function parseEventTimes(text: string, context: DateLineContext): EventTimes | null {
  const line = text.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  const tokens = tokenise(line, context.words);
  const left = readMoment(tokens, 0, false);
  let right: ReturnType<typeof readMoment> | null = null;
  if (tokens[left.next]?.kind === 'range') right = readMoment(tokens, left.next + 1, !!left.moment.time);
  const stop = (right ?? left).next;
  const rest = stop < tokens.length ? line.slice(tokens[stop]?.at).replace(/^[\s⋅·•|,–—-]+/, '') : '';
  const times = combine(left.moment, right?.moment ?? null, context);
  return times ? { ...times, rest: rest.trim() } : null;
}

function combine(
  from: Moment,
  to: Moment | null,
  { referenceYear, zone }: DateLineContext,
): Omit<EventTimes, 'rest'> | null {
  const startDate = isoDate(from.year ?? referenceYear, from.month, from.day);
  if (!startDate) return null;
  if (!to) {
    if (!from.time) return { start: startDate, end: null, timed: false };
    return { start: zonedDateTime(startDate, clock(from.time, null), zone), end: null, timed: true };
  }
  let endDate = startDate;
  if (to.month !== undefined || to.day !== undefined) {
    const endYear = to.year ?? from.year ?? referenceYear;
    endDate = isoDate(endYear, to.month, to.day) ?? '';
    // "Dec 31 – Jan 1" without years crosses into the next one.
    if (endDate && endDate < startDate && !to.year) endDate = isoDate(endYear + 1, to.month, to.day) ?? '';
    if (!endDate) return null;
  }
  if (!from.time && !to.time) return { start: startDate, end: endDate, timed: false };
  if (!from.time || !to.time) return null;
  const endMeridiem = to.time.meridiem ?? from.time.meridiem;
  return {
    start: zonedDateTime(startDate, clock(from.time, endMeridiem), zone),
    end: zonedDateTime(endDate, clock(to.time, from.time.meridiem), zone),
    timed: true,
  };
}

/** Reads one side of the range: a date, a time, or both, stopping at the range dash or the rest. */
function readMoment(tokens: Token[], start: number, expectTime: boolean) {
  const moment: Moment = {};
  let afterDot = false;
  let i = start;
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.kind === 'range') break;
    if (token.kind === 'dot') {
      if (moment.time) break;
      afterDot = true;
    } else if (token.kind === 'time') {
      if (moment.time) break;
      moment.time = { hour: token.hour, minute: token.minute, meridiem: token.meridiem };
    } else if (token.kind === 'date') {
      if (moment.month !== undefined || moment.time) break;
      Object.assign(moment, { year: token.year, month: token.month, day: token.day });
    } else if (token.kind === 'month') {
      if (moment.month !== undefined || moment.time) break;
      moment.month = token.month;
    } else if (token.kind === 'year') {
      if (moment.time || moment.year) break;
      moment.year = token.year;
    } else if (token.kind === 'number') {
      const dayOfMonth = monthFollows(tokens, i);
      const hourExpected = !moment.time && (afterDot || (expectTime && moment.month === undefined));
      if (hourExpected && !dayOfMonth && token.value <= 24)
        moment.time = { hour: token.value, minute: 0, meridiem: null };
      else if (moment.day === undefined && !moment.time && !afterDot) moment.day = token.value;
      else break;
    } else if (moment.time || afterDot) break;
  }
  return { moment, next: i };
}

/** "1. Mai", "30 de abril": a number before a month name is its day, never an hour. */
function monthFollows(tokens: Token[], index: number): boolean {
  const next = tokens[index + 1];
  return next?.kind === 'month' || (next?.kind === 'word' && tokens[index + 2]?.kind === 'month');
}

const patterns = {
  space: /[\s,]+/y,
  date: /(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?!\d)/y,
  time: /(\d{1,2}) ?(?::|\.|h) ?(\d{2})(?!\d)(?: ?([ap])\.? ?m\.?(?!\p{L}))?/iuy,
  hourMeridiem: /(\d{1,2}) ?([ap])\.? ?m\.?(?!\p{L})/iuy,
  year: /\d{4}(?!\d)/y,
  number: /(\d{1,2})\.?(?!\d)/y,
  range: /[–—-]/y,
  dot: /[⋅·•|]/y,
  word: /\p{L}[\p{L}\p{M}'’-]*\.?/uy,
};
/** Words that sit beside a time without changing it ("10:00 Uhr"). */
const noiseWords = new Set(['uhr']);

function tokenise(line: string, words: DateWords): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const match = (re: RegExp) => {
    re.lastIndex = at;
    return re.exec(line);
  };
  while (at < line.length) {
    const token = nextToken(match, at, words);
    if (token.length === 0) {
      at += 1;
      continue;
    }
    if (token.value) tokens.push(token.value);
    at += token.length;
  }
  return tokens;
}

function nextToken(
  match: (re: RegExp) => RegExpExecArray | null,
  at: number,
  words: DateWords,
): { value: Token | null; length: number } {
  let m = match(patterns.space);
  if (m) return { value: null, length: m[0].length };
  m = match(patterns.date);
  if (m) {
    const date = numericDate([m[1], m[3], m[4]].map(Number), words);
    if (date) return { value: { at, kind: 'date', ...date }, length: m[0].length };
  }
  m = match(patterns.time);
  if (m && Number(m[1]) <= 24) {
    const meridiem = meridiemOf(m[3]);
    return {
      value: { at, kind: 'time', hour: Number(m[1]), minute: Number(m[2]), meridiem },
      length: m[0].length,
    };
  }
  m = match(patterns.hourMeridiem);
  if (m) {
    const meridiem = meridiemOf(m[2]);
    return { value: { at, kind: 'time', hour: Number(m[1]), minute: 0, meridiem }, length: m[0].length };
  }
  m = match(patterns.year);
  if (m) return { value: { at, kind: 'year', year: Number(m[0]) }, length: m[0].length };
  m = match(patterns.number);
  if (m) return { value: { at, kind: 'number', value: Number(m[1]) }, length: m[0].length };
  if (match(patterns.range)) return { value: { at, kind: 'range' }, length: 1 };
  if (match(patterns.dot)) return { value: { at, kind: 'dot' }, length: 1 };
  m = match(patterns.word);
  if (m) {
    const word = normaliseWord(m[0]);
    const month = words.months.get(word);
    if (month) return { value: { at, kind: 'month', month }, length: m[0].length };
    return { value: noiseWords.has(word) ? null : { at, kind: 'word' }, length: m[0].length };
  }
  return { value: null, length: 0 };
}

function numericDate(
  [a = 0, b = 0, c = 0]: number[],
  words: DateWords,
): { year: number; month: number; day: number } | null {
  if (a > 31) return { year: a, month: b, day: c };
  const parts = new Map(words.numericOrder.map((part, index) => [part, [a, b, c][index] ?? 0]));
  const year = parts.get('year') ?? 0;
  return {
    year: year < 100 ? 2000 + year : year,
    month: parts.get('month') ?? 0,
    day: parts.get('day') ?? 0,
  };
}

function meridiemOf(letter: string | undefined): Meridiem | null {
  if (!letter) return null;
  return letter.toLowerCase() === 'p' ? 'pm' : 'am';
}

function isoDate(year: number, month: number | undefined, day: number | undefined): string | null {
  if (!month || !day) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function clock(time: NonNullable<Moment['time']>, inherited: Meridiem | null): string {
  const meridiem = time.meridiem ?? inherited;
  let hour = time.hour;
  if (meridiem) hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  return `${pad(hour % 24)}:${pad(time.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
