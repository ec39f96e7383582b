/**
 * Every selector the Calendar adapter uses, with the public extension that relies on it (details in
 * ../shared/notes/host-selectors.md). Durable handles first: ids in `data-*` attributes and emails in
 * attributes; class names only where nothing else is known.
 */
export const calendarSelectors = {
  /** Event-details popover (Toggl `data-chips-dialog`; gmate/Miter `#xDetDlg` carries `data-eventid`). */
  popover: '#xDetDlg[data-eventid], div[data-chips-dialog="true"] [data-eventid]',
  /** Popover title (Toggl, Clockify: the heading inside the card). */
  popoverTitle: '[role="heading"]',
  /** Popover date/time line, e.g. "Wednesday, April 26⋅2:00 – 3:00pm" (Clockify). */
  popoverWhen: '#xDetDlgWhen',
  /** Guests in the popover: the hovercard id is the guest's email (GoogleCalendarExtension). */
  popoverGuests: '#xDetDlgAtt [data-hovercard-id]',
  popoverDescription: '#xDetDlgDesc',
  /** Visually hidden "Description:" label inside the description (pangu.js reproduction). */
  hiddenLabel: '.XuJrye',
  /** Conference block; the Meet URL sits in `data-details` (Zoom Scheduler copies). */
  conference: '#xDetDlgVideo',
  /** Full event page of an existing event (Toggl `data-is-create="false"`, gmate `data-eventid`). */
  eventPage: 'div[data-is-create="false"]',
  eventPageId: '[data-eventid]',
  /** First `data-initial-value` input of the page is the title (Toggl). */
  eventPageTitle: 'input[data-initial-value]',
  /** Guests on the event page: rows carry the address in `data-email` (gmate). */
  eventPageGuests: 'div[data-email]',
  /** Date and time fields have no handle but their label; English only, other locales give null. */
  eventPageStartDate: 'input[aria-label="Start date"]',
  eventPageStartTime: 'input[aria-label="Start time"]',
  eventPageEndDate: 'input[aria-label="End date"]',
  eventPageEndTime: 'input[aria-label="End time"]',
  /** Description editor (Zoom Scheduler copies: `#xDescIn` then the editable div). */
  eventPageDescription: '#xDescIn [contenteditable], #xDescIn div[jsname="yrriRe"]',
  /** Conference link fields on the event page (gmate `data-initial-value*="zoom.us/j/"`). */
  eventPageConference:
    '#xDetDlgVideo, [data-initial-value*="zoom.us/j/"], [data-initial-value*="meet.google.com/"]',
} as const;

/** Rooms and other resources are calendars with addresses under this domain, never people. */
export const resourceCalendarDomain = 'resource.calendar.google.com';
