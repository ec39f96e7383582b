import type { ZoomMeetingContext, ZoomParticipant } from '../../../shared/host-context.ts';
import { uniquePeople, visibleText } from '../people.ts';
import { zoomSelectors as s, zoomUrlPatterns as urls, zoomTitleSuffix } from './selectors.ts';

/** The meeting or recording the page shows, or null on Zoom pages about neither. */
export function readZoomContext(doc: Document, url: URL): ZoomMeetingContext | null {
  const path = url.pathname;
  const recording = urls.recording.exec(path);
  if (recording?.[1]) {
    return {
      ...base(doc, 'recording'),
      meetingId: null,
      recordingId: recording[1],
      topic: visibleText(doc.querySelector(s.recordingTopic)) || titleTopic(doc),
      participants: names(doc, s.transcriptSpeaker),
    };
  }
  if (urls.recordingDetail.test(path)) {
    const meetingId = url.searchParams.get('meeting_id');
    if (!meetingId) return null;
    return {
      ...base(doc, 'recording'),
      meetingId,
      recordingId: null,
      topic: titleTopic(doc),
      participants: [],
    };
  }
  const webClient = urls.webClient.exec(path);
  if (webClient?.[1]) {
    return {
      ...base(doc, 'web-client'),
      meetingId: webClient[1],
      recordingId: null,
      topic: visibleText(doc.querySelector(s.webClientTopic)) || titleTopic(doc),
      participants: names(doc, s.webClientParticipant),
    };
  }
  const meeting = urls.meeting.exec(path);
  if (meeting?.[1]) {
    return {
      ...base(doc, 'meeting'),
      meetingId: meeting[1],
      recordingId: null,
      topic: titleTopic(doc),
      participants: [],
    };
  }
  return null;
}

function base(doc: Document, page: ZoomMeetingContext['page']) {
  return {
    host: 'zoom' as const,
    page,
    startTime: doc.querySelector(s.startTime)?.getAttribute('datetime') ?? null,
  };
}

function titleTopic(doc: Document): string {
  return doc.title.replace(zoomTitleSuffix, '').trim();
}

/** Zoom shows names only; labels such as "(Host)" or "(Me)" sit in a sibling element, not here. */
function names(doc: Document, selector: string): ZoomParticipant[] {
  const people = [...doc.querySelectorAll(selector)]
    .map((el) => visibleText(el))
    .filter(Boolean)
    .map((name) => ({ email: null, name, kind: 'person' as const }));
  return uniquePeople(people);
}
