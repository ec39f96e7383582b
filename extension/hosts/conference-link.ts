import type { Conference } from '../../shared/host-context.ts';

/**
 * Meeting links CSCX recognises in a host page: Google Meet and Zoom (any subdomain, vanity hosts,
 * zoomgov.com), and the app's own join links. Zoom's id is its meeting number, digits only.
 */
const zoomLink =
  /(?:https:\/\/(?:[\w-]+\.)*zoom(?:gov)?\.(?:us|com)\/(?:j|my|w|s|wc(?:\/join)?)\/[\w?=&.%-]+|zoommtg:\/\/[\w.]*zoom\.us\/join\?[\w=&.%-]+)/i;
const meetLink = /https:\/\/meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})/i;
const zoomNumberInPath = /\/(?:j|w|s|wc(?:\/join)?)\/(\d{9,11})(?!\d)/;
const zoomNumberInQuery = /[?&]confno=(\d{9,11})(?!\d)/;
/** Invitation text without a link: "Meeting ID: 812 3456 7890", "Meeting-ID", "ID de réunion"… */
const zoomNumberInText =
  /(?:meeting[\s-]?id|besprechungs-id|id de (?:la )?r[ée]union|id de reuni[oó]n|id della riunione|id da reuni[aã]o)\s*[:：]?\s*(\d{3}[\s\u00a0-]?\d{3,4}[\s\u00a0-]?\d{3,4})(?!\d)/i;

/** The first conference the texts link to or name, with its meeting id; null when there is none. */
export function findConference(texts: readonly string[]): Conference | null {
  const readable = texts.map(unwrapGoogleRedirects);
  for (const text of readable) {
    const zoom = zoomLink.exec(text);
    if (zoom)
      return {
        provider: 'zoom',
        id: zoomMeetingNumber(zoom[0]),
        url: zoom[0].startsWith('https') ? zoom[0] : null,
      };
    const meet = meetLink.exec(text);
    if (meet?.[1]) return { provider: 'google_meet', id: meet[1].toLowerCase(), url: meet[0] };
  }
  for (const text of readable) {
    const number = zoomNumberInText.exec(text)?.[1];
    if (number) return { provider: 'zoom', id: digitsOnly(number), url: null };
  }
  return null;
}

/** The meeting number a Zoom link names ("/j/81234567890?pwd=…" → "81234567890"); null for /my/<name>. */
export function zoomMeetingNumber(link: string): string | null {
  return zoomNumberInPath.exec(link)?.[1] ?? zoomNumberInQuery.exec(link)?.[1] ?? null;
}

/** "844 0001 2345" or "844-0001-2345" → "84400012345"; null unless 9 to 11 digits remain. */
export function digitsOnly(text: string): string | null {
  const digits = text.replace(/\D/g, '');
  return /^\d{9,11}$/.test(digits) ? digits : null;
}

/** Calendar wraps links as google.com/url?q=…, and JSON in attributes escapes its slashes. */
function unwrapGoogleRedirects(text: string): string {
  return text
    .replace(/\\\//g, '/')
    .replace(/https:\/\/www\.google\.com\/url\?q=([^&"\s]+)[^"\s]*/g, (_, target: string) => {
      try {
        return decodeURIComponent(target);
      } catch {
        return target;
      }
    });
}
