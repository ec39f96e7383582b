/** Meeting links CSCX recognises in a host page: Google Meet and Zoom (any subdomain). */
const conferencePattern =
  /https:\/\/(?:meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}|(?:[\w-]+\.)?zoom\.us\/(?:j|my|w)\/[\w?=&.-]+)/i;

/** Calendar wraps links as google.com/url?q=…; unwrap before matching. */
export function findConferenceLink(texts: readonly string[]): string | null {
  for (const text of texts) {
    const match = conferencePattern.exec(unwrapGoogleRedirects(text));
    if (match) return match[0];
  }
  return null;
}

function unwrapGoogleRedirects(text: string): string {
  return text.replace(/https:\/\/www\.google\.com\/url\?q=([^&"\s]+)[^"\s]*/g, (_, target: string) => {
    try {
      return decodeURIComponent(target);
    } catch {
      return target;
    }
  });
}
