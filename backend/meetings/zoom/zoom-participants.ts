import type { Logger } from 'pino';
import { ZoomApiError, type ZoomClient } from '../../integrations/connections/zoom.ts';
import type { CallAttendee } from '../call-records/speakers.ts';

/**
 * Who joined the meeting instance, as attendees its speakers are matched to: each person once
 * (Zoom lists a participant per join). A participant list Zoom will not give — the app lacks the
 * scope (400, code 4711), the meeting is too old or not the account's (400, 404), or no access (403)
 * — is no list: the call is stored with its speakers matched without it. Anything else (a 401, a
 * rate limit) is thrown, for the connection's refresh and the job's retry.
 */
export async function zoomParticipantsOf(
  zoom: ZoomClient,
  meetingUuid: string,
  log: Logger,
): Promise<CallAttendee[]> {
  try {
    const listed = await zoom.pastMeetingParticipants(meetingUuid);
    const byPerson = new Map<string, CallAttendee>();
    for (const p of listed) {
      const name = p.name?.trim() ?? '';
      const email = p.user_email?.trim().toLowerCase() || null;
      if (!name) continue;
      byPerson.set(`${name}\n${email ?? ''}`, { name, email, source: 'zoom_participant' });
    }
    return [...byPerson.values()];
  } catch (error) {
    if (!(error instanceof ZoomApiError) || ![400, 403, 404].includes(error.status)) throw error;
    log.info(
      { status: error.status, code: error.code },
      "zoom gave no participant list: the call's speakers are matched without it",
    );
    return [];
  }
}
