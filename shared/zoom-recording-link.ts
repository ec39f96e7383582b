/**
 * A Zoom recording page's path: `/rec/play/<token>`, `/rec/share/<token>`, `/recording/play/<token>`
 * (yt-dlp, zoom-rec-dl). The extension reads the token off the page's URL; the backend off the
 * `share_url` and `play_url` Zoom's recordings API gives, so both compare the same segment.
 */
export const zoomRecordingPath = /^\/rec(?:ording)?\/(play|share)\/([^/?#]+)/;

/** Zoom's own hosts (zoom.us, its `usNNweb.` and vanity subdomains, zoomgov.com). */
const zoomHost = /(?:^|\.)zoom(?:gov)?\.(?:us|com)$/;

/** The token of a Zoom recording link and which kind it is, or null for any other URL. */
export function zoomRecordingLinkOf(
  link: string | null | undefined,
): { kind: 'play' | 'share'; token: string } | null {
  if (!link) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (!zoomHost.test(url.hostname)) return null;
  const match = zoomRecordingPath.exec(url.pathname);
  return match?.[1] && match[2] ? { kind: match[1] as 'play' | 'share', token: match[2] } : null;
}
