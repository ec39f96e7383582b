import type { calendar_v3 } from '@googleapis/calendar';
import { calendarCreateEventPayload } from '../../../shared/api/actions.ts';
import { vendorErrorOf } from '../../integrations/connections/vendor-error.ts';
import { type ConnectionDeps, withConnection } from '../../integrations/connections/with-connection.ts';
import type { ActionRow, StoredPayload } from '../schema.ts';
import type { OutsideExecutor } from './outside.ts';
import type { StartedRun } from './run-state.ts';

/**
 * The event's id at Google, the same on every run: Calendar takes an id of base32hex characters
 * (a–v, 0–9; 5 to 1024 of them) and refuses a second event with it (409), so a retry after a crash
 * cannot make a second event. A uuid's hex digits are base32hex already.
 */
export function eventIdOf(actionId: string): string {
  return `cs${actionId.replace(/-/g, '').toLowerCase()}`;
}

const calendarId = 'primary';

function requestOf(action: ActionRow) {
  return { orgId: action.orgId, userId: action.forUserId, provider: 'google' as const };
}

function outcomeOf(event: calendar_v3.Schema$Event, foundMade: boolean): StoredPayload {
  return {
    eventId: event.id ?? null,
    htmlLink: event.htmlLink ?? null,
    meetLink: event.hangoutLink ?? null,
    eventStatus: event.status ?? null,
    ...(foundMade ? { foundMade: true } : {}),
  };
}

async function readEvent(
  calendar: calendar_v3.Calendar,
  eventId: string,
): Promise<calendar_v3.Schema$Event | undefined> {
  try {
    return (await calendar.events.get({ calendarId, eventId })).data;
  } catch (error) {
    if (vendorErrorOf(error)?.status === 404) return undefined;
    throw error;
  }
}

/**
 * Creates the event on its user's primary calendar; Calendar emails the invitations. A 409 means
 * an earlier run made it: the event is read back and the action is done with what Google holds
 * (also when someone cancelled it since: it is not made again).
 */
async function createEvent(deps: ConnectionDeps, { action }: StartedRun): Promise<StoredPayload> {
  const payload = calendarCreateEventPayload.parse(action.payload);
  const eventId = eventIdOf(action.id);
  return withConnection(deps, requestOf(action), async ({ calendar }) => {
    try {
      const made = await calendar.events.insert({
        calendarId,
        sendUpdates: 'all',
        conferenceDataVersion: payload.conference ? 1 : 0,
        requestBody: {
          id: eventId,
          summary: payload.summary,
          ...(payload.description ? { description: payload.description } : {}),
          ...(payload.location ? { location: payload.location } : {}),
          start: payload.start,
          end: payload.end,
          attendees: payload.attendees.map((email) => ({ email })),
          ...(payload.conference
            ? {
                conferenceData: {
                  createRequest: { requestId: action.id, conferenceSolutionKey: { type: 'hangoutsMeet' } },
                },
              }
            : {}),
        },
      });
      return outcomeOf(made.data, false);
    } catch (error) {
      if (vendorErrorOf(error)?.status !== 409) throw error;
      const earlier = await readEvent(calendar, eventId);
      if (!earlier) throw error;
      return outcomeOf(earlier, true);
    }
  });
}

export const calendarCreateEvent: OutsideExecutor = {
  run: createEvent,
  findEarlier: (deps, { action }) =>
    withConnection(deps, requestOf(action), async ({ calendar }) => {
      const earlier = await readEvent(calendar, eventIdOf(action.id));
      return earlier ? outcomeOf(earlier, true) : undefined;
    }),
};
