import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import { digitsOnly } from '../conference-link.ts';
import { visibleText } from '../people.ts';
import { genericTitles, meetingIdLabels, topicLabels } from './page-labels.ts';
import { meetingParticipants, transcriptSpeakers } from './participants.ts';
import { zoomSelectors as s, zoomUrlPatterns as urls, zoomTitleSuffix } from './selectors.ts';

/** The meeting or recording the page shows, or null on Zoom pages about neither. */
export function readZoomContext(doc: Document, url: URL): ZoomMeetingContext | null {
  const path = url.pathname;
  const recording = urls.recording.exec(path);
  if (recording?.[2]) {
    return {
      ...base(doc, 'recording'),
      meetingId: labelledMeetingId(doc),
      recordingId: recording[2],
      topic: visibleText(doc.querySelector(s.recordingTopic)) || pageDataTopic(doc) || titleTopic(doc),
      participants: transcriptSpeakers(doc),
    };
  }
  if (urls.recordingDetail.test(path)) {
    const meetingUuid = url.searchParams.get('meeting_id');
    if (!meetingUuid) return null;
    return {
      ...base(doc, 'recording'),
      meetingId: labelledMeetingId(doc),
      recordingId: meetingUuid,
      topic: labelledText(doc, topicLabels) || titleTopic(doc),
      participants: transcriptSpeakers(doc),
    };
  }
  const webClient = urls.webClient.exec(path);
  if (webClient?.[1]) {
    return {
      ...base(doc, 'web-client'),
      meetingId: webClient[1],
      recordingId: null,
      topic: visibleText(doc.querySelector(s.webClientTopic)) || titleTopic(doc),
      participants: meetingParticipants(doc),
    };
  }
  const meeting = urls.meeting.exec(path);
  if (meeting?.[1]) {
    return {
      ...base(doc, 'meeting'),
      meetingId: meeting[1],
      recordingId: null,
      // The page's title names the list ("My Meetings - Zoom"); the topic is a row of the details.
      topic: labelledText(doc, topicLabels) || titleTopic(doc),
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

/** The title without " - Zoom", unless it names a list or the app rather than a meeting. */
function titleTopic(doc: Document): string {
  const topic = doc.title.replace(zoomTitleSuffix, '').trim();
  return genericTitles.includes(topic.toLowerCase()) ? '' : topic;
}

/** `window.__data__ = { …, topic: '…' }`, keys and values in single or double quotes (zoom-rec-dl). */
function pageDataTopic(doc: Document): string {
  for (const script of doc.querySelectorAll(s.pageData)) {
    const topic = /\btopic['"]?\s*:\s*(['"])((?:(?!\1).)*)\1/.exec(script.textContent ?? '')?.[2];
    if (topic?.trim()) return topic.trim();
  }
  return '';
}

function labelledMeetingId(doc: Document): string | null {
  return digitsOnly(labelledText(doc, meetingIdLabels));
}

/**
 * The value of a details row known by its label ("Topic", "Thema", "Sujet"): the element after the
 * label, whether the label is a <label>, <dt>, <th> or a plain block, and however deep it sits.
 */
function labelledText(doc: Document, labels: readonly string[]): string {
  for (const label of doc.querySelectorAll(s.detailLabel)) {
    const text = visibleText(label)
      .toLowerCase()
      .replace(/[:：]$/, '')
      .trim();
    if (!labels.includes(text)) continue;
    const target = label.getAttribute('for');
    const value = (target ? doc.getElementById(target) : null) ?? label.nextElementSibling;
    const shown = visibleText(value);
    if (shown && !labels.includes(shown.toLowerCase())) return shown;
  }
  return '';
}
