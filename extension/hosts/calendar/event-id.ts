/**
 * Calendar's `data-eventid` and the URL's `eid` are base64 (often URL-safe, unpadded) of
 * "<event id>[_<instance start>] <calendar address>", the address sometimes shortened ("…@m" for
 * gmail.com, "…@g" for group.calendar.google.com). Some pages carry the raw id instead.
 */
export interface CalendarEventId {
  /** As the Calendar API names it: an occurrence keeps its instance suffix. */
  eventId: string;
  /** The series of an occurrence ("abc123" of "abc123_20260430T160000Z"); null for single events. */
  recurringEventId: string | null;
  calendarId: string | null;
}

const shortDomains: Record<string, string> = { m: 'gmail.com', g: 'group.calendar.google.com' };
const idShape = /^[\w-]+$/;
/** Instances are suffixed with their original start: a UTC date-time, or a date for all-day events. */
const instanceSuffix = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/;

export function decodeEventId(raw: string | null | undefined): CalendarEventId | null {
  const value = raw?.trim();
  if (!value) return null;
  const decoded = fromBase64(value);
  const [id, calendar, ...extra] = decoded?.split(' ') ?? [];
  if (id && calendar?.includes('@') && extra.length === 0 && idShape.test(id))
    return withSeries(id, expandAddress(calendar));
  return idShape.test(value) ? withSeries(value, null) : null;
}

function withSeries(eventId: string, calendarId: string | null): CalendarEventId {
  const instance = instanceSuffix.exec(eventId);
  return { eventId, recurringEventId: instance?.[1] ?? null, calendarId };
}

function expandAddress(address: string): string {
  const [local, domain = ''] = address.split('@');
  const full = shortDomains[domain] ?? domain;
  return `${local}@${full}`.toLowerCase();
}

function fromBase64(value: string): string | null {
  const standard = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard.padEnd(Math.ceil(standard.length / 4) * 4, '=');
  try {
    return atob(padded);
  } catch {
    return null;
  }
}
