/**
 * Every selector and URL pattern the Calendar adapter uses, with the public extension or capture that
 * relies on it (details in ../shared/notes/host-selectors.md). Durable handles first: ids in `data-*`
 * attributes, element ids, emails in attributes; English `aria-label`s only where nothing else is known,
 * always with a fallback that does not depend on the language.
 */
export const calendarSelectors = {
  /**
   * Event-details popover: `#xDetDlg` (gmate, Miter), inside Toggl's `data-chips-dialog`. The event id
   * sits on it, on the dialog around it, or on an element inside it.
   */
  popover: '#xDetDlg, div[data-chips-dialog="true"]',
  eventId: '[data-eventid]',
  /** Miter: the popover's `jslog` holds the raw event id as its second item. */
  jslog: '[jslog]',
  /** A closed popover Calendar keeps in the page is hidden, not removed. */
  hiddenPopover: '[aria-hidden="true"], [hidden]',
  /** Popover title (Toggl, Clockify: the heading inside the card). */
  popoverTitle: '[role="heading"]',
  /** Date/time block: the time line, then the recurrence line (Clockify; index id 70443693448). */
  popoverWhen: '#xDetDlgWhen',
  /** Guest section of the popover (GoogleCalendarExtension; index ids 31261044929, 11161253482). */
  popoverGuestList: '#xDetDlgAtt',
  /** The guest summary above the list, "4 guests" (index id 31261044929), rooms counted. */
  popoverGuestCount: '#xDetDlgAtt .bgOWSb',
  /** A guest's address: `data-hovercard-id` (GoogleCalendarExtension), `data-email` (index id 70443693448). */
  guestAddress: '[data-email], [data-hovercard-id]',
  /** A name in an attribute, as the suggestion rows carry it (gmate auto-room-booking). */
  guestName: '[data-name]',
  popoverDescription: '#xDetDlgDesc',
  /** Location row; its `data-text` holds the text without the hidden "Location:" label (index id 60262611563). */
  popoverLocation: '#xDetDlgLoc',
  /** Visually hidden labels ("Description:", "Organizer", "Location:") (pangu.js reproduction). */
  hiddenLabel: '.XuJrye',
  /** Decorative separators such as the "⋅" between date and time. */
  decorative: '[aria-hidden="true"]',
  /** Conference block; the Meet URL sits in `data-details` (Zoom Scheduler copies). */
  conference: '#xDetDlgVideo',
  /**
   * Account data Calendar renders into every page: the zone the grid is drawn in, its offset in ms,
   * the UI language (captured page in halozone/ServantAir-PWA `reference_code/googlecalendar.js`).
   */
  pageTimeZone: '#xTimezone',
  pageGmtOffset: '#xGmtOffset',
  pageLocale: '#xUserLocale',
  /** Full event page of an existing event (Toggl `data-is-create="false"`, Miter `.p9lUpf`). */
  eventPage: 'div[data-is-create="false"]',
  /** Title input: `#xTiIn` (index ids 33431186883, 70443693448), else the first `data-initial-value` input (Toggl). */
  eventPageTitle: '#xTiIn, input[data-initial-value]',
  /** Date and time inputs by id (index ids 15097794306, 45137640195), else their English labels (index id 25769512565). */
  eventPageStartDate: '#xStDaIn, input[aria-label="Start date"]',
  eventPageStartTime: '#xStTiIn, input[aria-label="Start time"]',
  eventPageEndDate: '#xEnDaIn, input[aria-label="End date"]',
  eventPageEndTime: '#xEnTiIn, input[aria-label="End time"]',
  /** Location input: known only by its label (gmate `[aria-label="Location"]`), so a few languages are listed. */
  eventPageLocation:
    'input[aria-label="Location"], input[aria-label="Add location"], input[aria-label="Ort"], input[aria-label="Ort hinzufügen"], input[aria-label="Lieu"], input[aria-label="Ajouter un lieu"]',
  /**
   * Guests invited to the event (gmate: the list's English `aria-label`; an invited guest's `data-id` or
   * `key` equals its `data-email`, index id 36983740218). The guest-suggestion list also carries
   * `data-email` (gmate auto-room-booking) and is a listbox of options.
   */
  eventPageGuestList: '[aria-label="Guests invited to this event."]',
  eventPageGuest: '[data-email]',
  guestSuggestions: '[role="listbox"], [role="option"]',
  /** Description editor (Zoom Scheduler copies: `#xDescIn` then the editable div). */
  eventPageDescription: '#xDescIn [contenteditable], #xDescIn div[jsname="yrriRe"]',
  /** Conference link fields on the event page (gmate `data-initial-value*="zoom.us/j/"`). */
  eventPageConference:
    '#xDetDlgVideo, [data-initial-value*="zoom.us/j/"], [data-initial-value*="meet.google.com/"]',
  links: 'a[href]',
} as const;

export const calendarUrlPatterns = {
  /** The full event page's address ends in the encoded id: `/r/eventedit/<eid>` (gmate). */
  eventPage: /\/r\/eventedit\/(?!copy\/)([A-Za-z0-9_-]+)/,
} as const;

/** Rooms and other resources are calendars with addresses under this domain, never people. */
export const resourceCalendarDomain = 'resource.calendar.google.com';
