/**
 * Every selector and URL pattern the Zoom adapter uses, with where it was seen (details in
 * ../shared/notes/host-selectors.md). Zoom's pages differ by kind, so the URL decides which apply.
 */
export const zoomUrlPatterns = {
  /** `/rec/play/<id>`, `/rec/share/<id>`, `/recording/play/<id>` (yt-dlp, zoom-rec-dl). */
  recording: /^\/rec(?:ording)?\/(?:play|share)\/([^/?#]+)/,
  /** Recording detail page: `/recording/detail?meeting_id=<url-encoded UUID>` (several repos). */
  recordingDetail: /^\/recording\/detail$/,
  /** Meeting details page: `/meeting/<numeric id>` (Zoom-Link-Replacer). */
  meeting: /^\/meeting\/(\d{9,11})(?:[/?#]|$)/,
  /** Web client: `/wc/<id>/start|join` (MSL attendance script). */
  webClient: /^\/wc\/(?:join\/)?(\d{9,11})(?:[/?#]|$)/,
} as const;

export const zoomSelectors = {
  /** Recording topic (zoom-transcript-extension `.topic`). */
  recordingTopic: '.topic',
  /** Transcript speakers on recording pages (zoom-transcript-extension). */
  transcriptSpeaker: 'li.transcript-list-item .user-name-span, li.mv-transcript-list-item .user-name-span',
  /** Web client meeting title (index id 62349522915). */
  webClientTopic: '.meeting-info-container .meeting-info__title',
  /** Web client participants list (captured DOM in the MSL script). */
  webClientParticipant: '.participants-li .participants-item__display-name',
  /** `<time datetime>` is the only start-time handle assumed on any Zoom page. */
  startTime: 'time[datetime]',
} as const;

/** Zoom's pages end their titles with " - Zoom" (zoom-transcript-extension strips it). */
export const zoomTitleSuffix = / [-|–] Zoom$/;
