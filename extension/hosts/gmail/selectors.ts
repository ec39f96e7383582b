/**
 * InboxSDK reads Gmail's threads and compose windows, so CSCX selects almost nothing itself. Sources are
 * in ../shared/notes/host-selectors.md (Gmail); the fixture is tests/fixtures/gmail/.
 */
export const gmailSelectors = {
  /**
   * Quoted history inside a message body: replies sent from Gmail wrap it in `.gmail_quote` (the
   * "On … wrote:" line and the `blockquote`); InboxSDK's message view treats anything inside a
   * `blockquote` as quoted (`isElementInQuotedArea`).
   */
  quotedText: '.gmail_quote, blockquote',
};
