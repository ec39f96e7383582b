/**
 * Turns Calendar's English date line into local ISO date-times ("2026-04-26T14:00"). Calendar omits the
 * year for the current one and the am/pm of the start when it equals the end's, so both are inferred.
 * Anything else yields null and the adapter keeps the page's own wording.
 */
export interface EventTimes {
  start: string;
  end: string | null;
}

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const datePart = String.raw`(?:[A-Za-z]+,\s*)?([A-Za-z]+)\s+(\d{1,2})(?:,\s*(\d{4}))?`;
const timePart = String.raw`(\d{1,2})(?::(\d{2}))?\s*(am|pm)?`;
const sameDay = new RegExp(String.raw`^${datePart}\s*[⋅·,]\s*${timePart}\s*[–-]\s*${timePart}$`, 'i');
const twoDays = new RegExp(
  String.raw`^${datePart},?\s*${timePart}\s*[–-]\s*${datePart},?\s*${timePart}$`,
  'i',
);
const allDay = new RegExp(`^${datePart}$`, 'i');

export function parseEventTimes(text: string, referenceYear: number): EventTimes | null {
  const line = text.replace(/\s+/g, ' ').trim();
  const one = sameDay.exec(line);
  if (one) {
    const [, month, day, year, h1, m1, ap1, h2, m2, ap2] = one;
    const date = isoDate(month, day, year, referenceYear);
    if (!date) return null;
    const endMeridiem = ap2 ?? ap1;
    return {
      start: `${date}T${clock(h1, m1, ap1 ?? endMeridiem)}`,
      end: `${date}T${clock(h2, m2, endMeridiem)}`,
    };
  }
  const two = twoDays.exec(line);
  if (two) {
    const [, mo1, d1, y1, h1, m1, ap1, mo2, d2, y2, h2, m2, ap2] = two;
    const from = isoDate(mo1, d1, y1, referenceYear);
    const to = isoDate(mo2, d2, y2 ?? y1, referenceYear);
    if (!from || !to) return null;
    return { start: `${from}T${clock(h1, m1, ap1 ?? ap2)}`, end: `${to}T${clock(h2, m2, ap2 ?? ap1)}` };
  }
  const whole = allDay.exec(line);
  if (whole) {
    const date = isoDate(whole[1], whole[2], whole[3], referenceYear);
    return date ? { start: date, end: null } : null;
  }
  return null;
}

function isoDate(
  month: string | undefined,
  day: string | undefined,
  year: string | undefined,
  referenceYear: number,
): string | null {
  const index = months.indexOf((month ?? '').toLowerCase());
  if (index < 0 || !day) return null;
  return `${year ?? referenceYear}-${pad(index + 1)}-${pad(Number(day))}`;
}

function clock(hours: string | undefined, minutes: string | undefined, meridiem: string | undefined): string {
  let h = Number(hours ?? 0) % 12;
  const m = meridiem?.toLowerCase();
  if (m === 'pm') h += 12;
  if (!m && Number(hours) === 12) h = 12;
  return `${pad(h)}:${pad(Number(minutes ?? 0))}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
