import type { calendar_v3 } from '@googleapis/calendar';
import { vendorErrorOf } from '../integrations/connections/vendor-error.ts';
import { type ConnectionDeps, withConnection } from '../integrations/connections/with-connection.ts';

/** How far back a first sync reaches: recent meetings belong on the timeline too. */
export const fullSyncDays = 30;
/** Google's largest page; a sync past this many pages stops and says so rather than run without end. */
const pageSize = 2500;
const maxPages = 20;

export interface CalendarChanges {
  events: calendar_v3.Schema$Event[];
  nextSyncToken: string;
  /** True when this run listed the calendar from `fullSyncDays` ago rather than since the token. */
  full: boolean;
}

export class SyncTokenGone extends Error {}

/**
 * Every change to the member's primary calendar since `syncToken` (an incremental sync), or every
 * event from `fullSyncDays` ago when there is none (a full sync). Recurring events come as their
 * occurrences (`singleEvents`), whose ids are what the Calendar page decodes. A token Google no
 * longer honours (410) is `SyncTokenGone`: the caller starts over with a full sync.
 */
export function listCalendarChanges(
  deps: ConnectionDeps,
  userId: string,
  syncToken: string | null,
): Promise<CalendarChanges> {
  const from = new Date(deps.clock.now().getTime() - fullSyncDays * 86_400_000);
  return withConnection(deps, { orgId: deps.orgId, userId, provider: 'google' }, async ({ calendar }) => {
    const events: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const query = syncToken ? { syncToken } : { timeMin: from.toISOString() };
      let data: calendar_v3.Schema$Events;
      try {
        ({ data } = await calendar.events.list({
          calendarId: 'primary',
          singleEvents: true,
          maxResults: pageSize,
          ...query,
          ...(pageToken ? { pageToken } : {}),
        }));
      } catch (error) {
        if (syncToken && vendorErrorOf(error)?.status === 410) throw new SyncTokenGone('sync token expired');
        throw error;
      }
      events.push(...(data.items ?? []));
      if (data.nextSyncToken) return { events, nextSyncToken: data.nextSyncToken, full: !syncToken };
      if (!data.nextPageToken) throw new Error('Google Calendar ended the list without a sync token');
      pageToken = data.nextPageToken;
    }
    throw new Error(`Google Calendar listed more than ${maxPages * pageSize} events; the sync stopped`);
  });
}

/** A meeting's video conference id, as the Calendar and Zoom pages name it (Meet code, Zoom number). */
export function conferenceOf(event: calendar_v3.Schema$Event): string | null {
  const meet = /meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})/i.exec(event.hangoutLink ?? '');
  if (meet?.[1]) return meet[1].toLowerCase();
  const solution = event.conferenceData?.conferenceSolution?.key?.type;
  if (solution === 'hangoutsMeet' && event.conferenceData?.conferenceId)
    return event.conferenceData.conferenceId;
  const texts = [
    event.location ?? '',
    event.description ?? '',
    ...(event.conferenceData?.entryPoints ?? []).map((e) => e.uri ?? ''),
  ];
  for (const text of texts) {
    const zoom = /zoom(?:gov)?\.(?:us|com)\/(?:j|w|s)\/(\d{9,11})(?!\d)/i.exec(text);
    if (zoom?.[1]) return zoom[1];
  }
  return null;
}

/** Who is invited: the guests (rooms and other resources left out) and the organiser. */
export function addressesOf(event: calendar_v3.Schema$Event): string[] {
  const guests = (event.attendees ?? []).filter((a) => !a.resource).map((a) => a.email ?? '');
  return [...guests, event.organizer?.email ?? ''].filter((email) => email.includes('@'));
}
