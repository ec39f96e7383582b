import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * A stand-in for the Calendar v3 REST API as `@googleapis/calendar` calls it (`rootUrl` pointed
 * here): `POST /calendar/v3/calendars/{calendarId}/events` (events.insert, with the client's own
 * `id`: a second event with it is a 409 `duplicate`), `GET …/events/{eventId}` (events.get) and
 * `GET …/events` (events.list: a full sync from `timeMin`, paged by `maxResults`, whose last page
 * carries a `nextSyncToken`; an incremental one from `syncToken` with every event changed since,
 * cancelled ones included; a token Google no longer honours is a 410 `fullSyncRequired`).
 * Errors are Google's API shape, `{ error: { code, message, errors, status } }`; a refused bearer is
 * a 401, a rate limit a 429 with `Retry-After`. Google serves all its APIs at one origin, so any
 * other path (Gmail's) is passed on to `otherApis`.
 */
/** An event's guest as events.list writes it: `displayName` only when Google knows one. */
export interface CalendarAttendee {
  email: string;
  responseStatus: string;
  displayName?: string;
  organizer?: boolean;
  resource?: boolean;
}

export interface CalendarEvent {
  id: string;
  calendarId: string;
  summary: string;
  description?: string;
  location?: string;
  start: { dateTime: string; timeZone?: string };
  end: { dateTime: string; timeZone?: string };
  attendees: CalendarAttendee[];
  /** Who sent the invitation; the calendar's owner when absent. */
  organizer?: { email: string; displayName?: string };
  status: 'confirmed' | 'cancelled';
  htmlLink: string;
  hangoutLink?: string;
  /** What the insert asked for: `sendUpdates` and `conferenceDataVersion`. */
  query: Record<string, string>;
  accessToken: string;
}

/** An event a test puts in the member's calendar, as someone else's invitation would. */
export type SeededEvent = Pick<CalendarEvent, 'id' | 'summary' | 'start' | 'end'> &
  Partial<Pick<CalendarEvent, 'calendarId' | 'description' | 'location' | 'hangoutLink' | 'organizer'>> & {
    attendees: (Omit<CalendarAttendee, 'responseStatus'> & { responseStatus?: string })[];
  };

export interface FakeCalendar {
  url: string;
  events: CalendarEvent[];
  requests: { method: string; path: string; query: Record<string, string> }[];
  /** Called once an event is stored, before it is answered; `'drop'` closes the connection unanswered. */
  onInsert: ((event: CalendarEvent) => undefined | 'drop') | undefined;
  /** The next Calendar call gets a 429 with this Retry-After. */
  rateLimitNext(retryAfterSeconds: number): void;
  /** Every access token seen so far is refused from now on (401), as if it lapsed early. */
  expireAccessTokens(): void;
  /** Adds the event, or replaces the one with its id: a change the next incremental sync returns. */
  putEvent(event: SeededEvent): void;
  /** Marks the event cancelled, as deleting it in Calendar does. */
  cancelEvent(id: string, calendarId?: string): void;
  /** Every sync token handed out so far answers 410 from now on (Google expires them at will). */
  expireSyncTokens(): void;
  close(): Promise<void>;
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
};

function googleError(
  reply: FastifyReply,
  failure: { status: number; reason: string; message: string; domain?: string },
): FastifyReply {
  return reply.code(failure.status).send({
    error: {
      code: failure.status,
      message: failure.message,
      errors: [{ message: failure.message, domain: failure.domain ?? 'global', reason: failure.reason }],
      status: statusNames[failure.status] ?? 'UNKNOWN',
    },
  });
}

/** Calendar's own rule for an id chosen by the client: base32hex (a–v, 0–9), 5 to 1024 characters. */
const validEventId = /^[a-v0-9]{5,1024}$/;

interface InsertBody {
  id?: unknown;
  summary?: unknown;
  description?: unknown;
  location?: unknown;
  start?: { dateTime?: unknown; timeZone?: unknown };
  end?: { dateTime?: unknown; timeZone?: unknown };
  attendees?: { email?: unknown }[];
  conferenceData?: { createRequest?: { requestId?: unknown } };
}

export async function startFakeCalendar(options: { otherApis?: string } = {}): Promise<FakeCalendar> {
  const app = Fastify();
  const expired = new Set<string>();
  const seenTokens = new Set<string>();
  let rateLimit: number | undefined;
  // Every change gets the next number; a sync token is the number it was handed out at.
  let version = 0;
  const changedAt = new Map<CalendarEvent, number>();
  const syncTokens = new Map<string, number>();
  const touch = (event: CalendarEvent) => changedAt.set(event, ++version);
  const fake: FakeCalendar = {
    url: '',
    events: [],
    requests: [],
    onInsert: undefined,
    rateLimitNext: (seconds) => {
      rateLimit = seconds;
    },
    expireAccessTokens: () => {
      for (const token of seenTokens) expired.add(token);
    },
    putEvent: (seeded) => {
      const calendarId = seeded.calendarId ?? 'primary';
      const at = fake.events.findIndex((e) => e.calendarId === calendarId && e.id === seeded.id);
      const event: CalendarEvent = {
        ...seeded,
        calendarId,
        attendees: seeded.attendees.map((a) => ({ ...a, responseStatus: a.responseStatus ?? 'needsAction' })),
        status: 'confirmed',
        htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(seeded.id).toString('base64url')}`,
        query: {},
        accessToken: '',
      };
      if (at >= 0) fake.events[at] = event;
      else fake.events.push(event);
      touch(event);
    },
    cancelEvent: (id, calendarId = 'primary') => {
      const event = fake.events.find((e) => e.calendarId === calendarId && e.id === id);
      if (!event) throw new Error(`no event ${id}`);
      event.status = 'cancelled';
      touch(event);
    },
    expireSyncTokens: () => syncTokens.clear(),
    close: () => app.close(),
  };
  const bearerOf = (request: FastifyRequest) =>
    /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

  app.addHook('onRequest', async (request, reply) => {
    const [path = '/'] = request.url.split('?');
    if (!path.startsWith('/calendar/v3/')) return;
    fake.requests.push({ method: request.method, path, query: request.query as Record<string, string> });
    const bearer = bearerOf(request);
    if (bearer?.startsWith('ya29.')) seenTokens.add(bearer);
    if (!bearer?.startsWith('ya29.') || expired.has(bearer)) {
      reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
      return googleError(reply, {
        status: 401,
        reason: 'authError',
        message: 'Request had invalid authentication credentials.',
      });
    }
    if (rateLimit !== undefined) {
      reply.header('retry-after', String(rateLimit));
      rateLimit = undefined;
      return googleError(reply, {
        status: 429,
        domain: 'usageLimits',
        reason: 'rateLimitExceeded',
        message: 'Rate Limit Exceeded',
      });
    }
  });

  app.post('/calendar/v3/calendars/:calendarId/events', async (request, reply) => {
    const { calendarId } = request.params as { calendarId: string };
    const body = (request.body ?? {}) as InsertBody;
    const id = typeof body.id === 'string' ? body.id : randomBytes(13).toString('hex');
    if (!validEventId.test(id))
      return googleError(reply, { status: 400, reason: 'invalid', message: 'Invalid resource id value.' });
    if (typeof body.start?.dateTime !== 'string' || typeof body.end?.dateTime !== 'string')
      return googleError(reply, {
        status: 400,
        reason: 'required',
        message: 'Missing time zone definition for start time.',
      });
    if (fake.events.some((event) => event.calendarId === calendarId && event.id === id))
      return googleError(reply, {
        status: 409,
        reason: 'duplicate',
        message: 'The requested identifier already exists.',
      });
    const query = request.query as Record<string, string>;
    const event: CalendarEvent = {
      id,
      calendarId,
      summary: String(body.summary ?? ''),
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      ...(typeof body.location === 'string' ? { location: body.location } : {}),
      start: { dateTime: body.start.dateTime, ...timeZoneOf(body.start) },
      end: { dateTime: body.end.dateTime, ...timeZoneOf(body.end) },
      attendees: (body.attendees ?? []).map((a) => ({
        email: String(a.email),
        responseStatus: 'needsAction',
      })),
      status: 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(id).toString('base64url')}`,
      ...(query.conferenceDataVersion === '1' && body.conferenceData?.createRequest
        ? { hangoutLink: `https://meet.google.com/${id.slice(2, 5)}-${id.slice(5, 9)}-${id.slice(9, 12)}` }
        : {}),
      query,
      accessToken: bearerOf(request) ?? '',
    };
    fake.events.push(event);
    touch(event);
    if (fake.onInsert?.(event) === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    return resourceOf(event);
  });

  app.get('/calendar/v3/calendars/:calendarId/events', async (request, reply) => {
    const { calendarId } = request.params as { calendarId: string };
    const query = request.query as Record<string, string | undefined>;
    const pageSize = Math.min(2500, Number(query.maxResults ?? 250));
    let since = 0;
    if (query.syncToken !== undefined) {
      if (query.timeMin !== undefined || query.timeMax !== undefined || query.showDeleted === 'false')
        return googleError(reply, {
          status: 400,
          reason: 'syncTokenWithRequestRestrictions',
          message: 'Sync token cannot be used with other request restrictions.',
        });
      const issued = syncTokens.get(query.syncToken);
      if (issued === undefined)
        return googleError(reply, {
          status: 410,
          reason: 'fullSyncRequired',
          message: 'Sync token is no longer valid, a full sync is required.',
        });
      since = issued;
    }
    const from = query.timeMin === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.timeMin);
    const listed = fake.events
      .filter((e) => e.calendarId === calendarId)
      .filter((e) =>
        query.syncToken !== undefined
          ? (changedAt.get(e) ?? 0) > since
          : e.status === 'confirmed' && Date.parse(e.end.dateTime) >= from,
      )
      .sort((a, b) => a.start.dateTime.localeCompare(b.start.dateTime) || a.id.localeCompare(b.id));
    const offset = Number(query.pageToken ?? 0);
    const page = listed.slice(offset, offset + pageSize);
    const more = offset + pageSize < listed.length;
    const token = `sync-${version}-${randomBytes(4).toString('hex')}`;
    if (!more) syncTokens.set(token, version);
    return {
      kind: 'calendar#events',
      summary: calendarId,
      updated: new Date().toISOString(),
      timeZone: 'UTC',
      items: page.map(resourceOf),
      ...(more ? { nextPageToken: String(offset + pageSize) } : { nextSyncToken: token }),
    };
  });

  app.get('/calendar/v3/calendars/:calendarId/events/:eventId', async (request, reply) => {
    const { calendarId, eventId } = request.params as { calendarId: string; eventId: string };
    const event = fake.events.find((e) => e.calendarId === calendarId && e.id === eventId);
    if (!event) return googleError(reply, { status: 404, reason: 'notFound', message: 'Not Found' });
    return resourceOf(event);
  });

  if (options.otherApis) {
    const other = options.otherApis;
    app.all('/*', async (request, reply) => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined;
      const answer = await fetch(`${other}${request.url}`, {
        method: request.method,
        headers,
        ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      });
      for (const name of ['content-type', 'retry-after', 'www-authenticate']) {
        const value = answer.headers.get(name);
        if (value) reply.header(name, value);
      }
      return reply.code(answer.status).send(Buffer.from(await answer.arrayBuffer()));
    });
  }

  fake.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return fake;
}

function timeZoneOf(time: { timeZone?: unknown }): { timeZone?: string } {
  return typeof time.timeZone === 'string' ? { timeZone: time.timeZone } : {};
}

function resourceOf(event: CalendarEvent) {
  const { calendarId: _calendar, query: _query, accessToken: _token, ...resource } = event;
  return {
    kind: 'calendar#event',
    etag: `"${Buffer.from(event.id).toString('hex').slice(0, 16)}"`,
    ...resource,
    iCalUID: `${event.id}@google.com`,
    organizer: event.organizer ?? { email: event.calendarId, self: true },
    reminders: { useDefault: true },
    eventType: 'default',
  };
}
