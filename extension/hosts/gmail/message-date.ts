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

/** "Apr 21, 2026" (US) or "21 Apr 2026" (UK), month names short or long, the weekday before it dropped. */
const usDate = /\b([a-z]{3,9})\.? (\d{1,2}),? (\d{4})\b/;
const ukDate = /\b(\d{1,2}) ([a-z]{3,9})\.?,? (\d{4})\b/;
/** "9:12 AM", "9:12am", "21:40". */
const clock = /\b(\d{1,2}):(\d{2})(?: ?([ap])\.?m\.?)?\b/;

/**
 * The moment an English Gmail date string names ("Tue, Apr 21, 2026, 9:12 AM", the title InboxSDK's
 * `getDateString()` reads), as ISO 8601 with the offset of this browser's time zone: Gmail writes the
 * time in the zone the browser runs in and says no offset itself. Null for what it cannot read (Gmail
 * in another language, no time given): a missing date is better than a wrong one.
 */
export function gmailSentAt(dateString: string): string | null {
  // Gmail separates "9:12" from "AM" with a (narrow) no-break space in some versions.
  const words = dateString.toLowerCase().replace(/[\s\u00a0\u202f]+/g, ' ');
  const date = readDate(words);
  const time = clock.exec(words);
  if (!date || !time) return null;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const meridiem = time[3];
  if (meridiem && (hour < 1 || hour > 12)) return null;
  if (meridiem) hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  const local = new Date(date.year, date.month, date.day, hour, minute);
  const sameFields =
    local.getFullYear() === date.year &&
    local.getMonth() === date.month &&
    local.getDate() === date.day &&
    local.getHours() === hour &&
    local.getMinutes() === minute;
  return sameFields ? withLocalOffset(local) : null;
}

function readDate(words: string): { year: number; month: number; day: number } | null {
  const us = usDate.exec(words);
  if (us) {
    const month = monthIndex(us[1]);
    if (month !== null) return { year: Number(us[3]), month, day: Number(us[2]) };
  }
  const uk = ukDate.exec(words);
  if (uk) {
    const month = monthIndex(uk[2]);
    if (month !== null) return { year: Number(uk[3]), month, day: Number(uk[1]) };
  }
  return null;
}

/** A month's full English name, its first three letters, or "sept". */
function monthIndex(name: string | undefined): number | null {
  const index = months.findIndex(
    (m) => m === name || m.slice(0, 3) === name || (name === 'sept' && m === 'september'),
  );
  return index < 0 ? null : index;
}

function withLocalOffset(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
