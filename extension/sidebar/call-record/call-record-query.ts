import type { ZoomMeetingContext } from '../../../shared/host-context.ts';

/**
 * The page's meeting as `meetings.callRecord` takes it; null when the page names none. On a
 * recording's detail page the recording id is the meeting instance's UUID (on the play page a share
 * id, which matches nothing): the server tries it first, then the meeting number.
 */
export function callRecordLookup(context: ZoomMeetingContext) {
  const uuid = context.page === 'recording' ? context.recordingId : null;
  if (!context.meetingId && !uuid) return null;
  return {
    ...(context.meetingId ? { conferenceId: context.meetingId } : {}),
    ...(uuid ? { zoomMeetingUuid: uuid } : {}),
  };
}

export const callRecordKey = (context: ZoomMeetingContext) =>
  ['meetings.callRecord', context.meetingId, context.recordingId] as const;
