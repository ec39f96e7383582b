import { zoomRecordingPath } from '../../../shared/zoom-recording-link.ts';

/**
 * Every selector and URL pattern the Zoom adapter uses, with where it was seen (details in
 * ../shared/notes/host-selectors.md). Zoom's pages differ by kind, so the URL decides which apply.
 */
export const zoomUrlPatterns = {
  /** `/rec/play/<id>`, `/rec/share/<id>`, `/recording/play/<id>`: shared with the backend's link reading. */
  recording: zoomRecordingPath,
  /** Recording detail page: `/recording/detail?meeting_id=<url-encoded UUID>` (several repos). */
  recordingDetail: /^\/recording\/detail$/,
  /** Meeting details page: `/meeting/<numeric id>` (Zoom-Link-Replacer). */
  meeting: /^\/meeting\/(\d{9,11})(?:[/?#]|$)/,
  /** Web client: `/wc/<id>/start|join`, `/wc/join/<id>` (MSL attendance script, Zoom-Link-Replacer). */
  webClient: /^\/wc\/(?:join\/)?(\d{9,11})(?:[/?#]|$)/,
} as const;

export const zoomSelectors = {
  /** Recording topic (zoom-transcript-extension `.topic`). */
  recordingTopic: '.topic',
  /** Inline page data: `window.__data__ = { fileId: …, topic: … }` (yt-dlp, zoom-rec-dl). */
  pageData: 'script:not([src])',
  /** Transcript entries; the speaker's name, when shown, in `.user-name-span` (zoom-transcript-extension). */
  transcriptItem: 'li.transcript-list-item, li.mv-transcript-list-item',
  transcriptSpeaker: '.user-name-span',
  /** Web client meeting title (index id 62349522915). */
  webClientTopic: '.meeting-info-container .meeting-info__title',
  /**
   * The participants panel (MSL's captured DOM: `#wc-container-right`; index id 40702421640) and its
   * rows, `li.participants-li` or a `.participants-li` inside `.participants-item-position` (index id
   * 58524551273), with the name in `.participants-item__display-name` and "(Host, Me)" beside it.
   */
  participantPanel: '#wc-container-right, .participants-section-container',
  participantItem: '.participants-li',
  participantName: '.participants-item__display-name',
  /** Rows of people in the Waiting Room carry an Admit button (index id 17462224058 skips rows with one). */
  participantButton: 'button, [role="button"]',
  /** Section headings of the panel ("Waiting Room (1)", "In the Meeting (3)") are known by their text. */
  participantHeading: 'div, span, h2, h3, h4, p, [role="heading"]',
  /** A dial-in row shows a telephone icon. */
  phoneIcon: '[class*="phone"]',
  /** Rows of the meeting details page ("Topic", "Meeting ID"): a label element and its value beside it. */
  detailLabel: 'label, dt, th, div, span, strong, b, p, h2, h3, h4',
  /** `<time datetime>` is the only start-time handle assumed on any Zoom page. */
  startTime: 'time[datetime]',
} as const;

/** Zoom's pages end their titles with " - Zoom" (zoom-transcript-extension strips it). */
export const zoomTitleSuffix = / [-|–] Zoom$/;
