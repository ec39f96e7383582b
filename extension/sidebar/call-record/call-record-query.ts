import { isoDateTime } from '../../../shared/api/common.ts';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';

/** The page's start time when it is one the API takes (an ISO date-time with its offset). */
export const pageStartTime = (context: ZoomMeetingContext) =>
  isoDateTime.safeParse(context.startTime).success ? (context.startTime ?? undefined) : undefined;

/**
 * The page's meeting as `meetings.callRecord` takes it; null when the page names none. A recording
 * page's id is a play or share token (or on the detail page the meeting instance's UUID): the server
 * tries it as each, then the meeting number, then the topic on the page's day.
 */
export function callRecordLookup(context: ZoomMeetingContext) {
  const recordingId = context.page === 'recording' ? context.recordingId : null;
  const startTime = pageStartTime(context);
  const byTopic = context.topic && startTime ? { topic: context.topic, startTime } : null;
  if (!context.meetingId && !recordingId && !byTopic) return null;
  return {
    ...(context.meetingId ? { conferenceId: context.meetingId } : {}),
    ...(recordingId ? { recordingId } : {}),
    ...byTopic,
  };
}

export const callRecordKey = (context: ZoomMeetingContext) =>
  ['meetings.callRecord', context.meetingId, context.recordingId, context.topic, context.startTime] as const;
