import { z } from 'zod';
import { isoDateTime } from './api/common.ts';

/**
 * What a host adapter reads from the page the CSM is looking at. The sidebar turns it into a customer
 * lookup; nothing here is trusted beyond being well-formed (the page's author controls it).
 */
export const person = z.object({
  email: z.string().max(320).nullable(),
  name: z.string().max(300),
});
export type Person = z.infer<typeof person>;

const text = (max: number) => z.string().max(max);

/**
 * A Calendar guest. The flags come from the role labels Calendar shows beside a name ("Organizer",
 * "Optional", a Google Group); absent means false, so a plain `Person` is a valid attendee.
 */
export const calendarAttendee = person.extend({
  organizer: z.boolean().optional(),
  optional: z.boolean().optional(),
  /** A Google Group invited as one guest: its address is a list's, not a person's. */
  group: z.boolean().optional(),
});
export type CalendarAttendee = z.infer<typeof calendarAttendee>;

export const conferenceProviders = ['zoom', 'google_meet'] as const;

/** The video meeting an event links to. */
export const conference = z.object({
  provider: z.enum(conferenceProviders),
  /**
   * Zoom: the meeting number, digits only ("81234567890"); Meet: the meeting code ("abc-defg-hij").
   * Null when the link names no meeting (a Zoom personal link such as /my/<name>).
   */
  id: text(100).nullable(),
  url: z.url().nullable(),
});
export type Conference = z.infer<typeof conference>;

export const calendarEventContext = z.object({
  host: z.literal('calendar'),
  /**
   * The Calendar API's event id, decoded from `data-eventid` or the URL's `eid` (base64 of
   * "<id>[_<instance>] <calendar address>"). An occurrence of a recurring event keeps its instance
   * suffix ("abc123_20260430T160000Z"), as the API names instances.
   */
  eventId: text(1000),
  /** The series an occurrence belongs to (the id before the instance suffix); null for single events. */
  recurringEventId: text(1000).nullable(),
  /** The address of the calendar the page shows the event from, when the encoded id carries it. */
  calendarId: text(320).nullable(),
  title: text(1000),
  /**
   * ISO 8601 date-times with the offset of the page's time zone ("2026-04-26T14:00:00-07:00"); a date
   * alone for all-day events ("2026-05-01"; the end is the last day shown, or null for one day). When the
   * page's wording cannot be parsed, `start` keeps it as written and `end` is null.
   */
  start: text(200).nullable(),
  end: text(200).nullable(),
  /** The page's own recurrence line ("Weekly on Thursday"); null for single events. */
  recurrence: text(500).nullable(),
  location: text(1000).nullable(),
  /** Human guests only: rooms and other resources are left out. */
  attendees: z.array(calendarAttendee).max(500),
  /**
   * True when the page says the event has more guests than it lists ("14 guests" above a shortened
   * list): `attendees` is then a part of the guest list, not the whole of it.
   */
  guestListShortened: z.boolean(),
  /** Plain text with the page's line breaks kept. Untrusted: it may inform a draft, never act. */
  description: text(20_000),
  conferenceUrl: z.url().nullable(),
  conference: conference.nullable(),
});
export type CalendarEventContext = z.infer<typeof calendarEventContext>;

export const zoomPageKinds = ['meeting', 'recording', 'web-client'] as const;

/** Phone dial-ins and note-taking bots are listed like people but are nobody to match or link. */
export const zoomParticipantKinds = ['person', 'phone', 'bot'] as const;

export const zoomParticipant = person.extend({
  kind: z.enum(zoomParticipantKinds).default('person'),
});
export type ZoomParticipant = z.infer<typeof zoomParticipant>;

export const zoomMeetingContext = z.object({
  host: z.literal('zoom'),
  page: z.enum(zoomPageKinds),
  /** The meeting number, digits only ("84400012345"); null where the page names none. */
  meetingId: text(200).nullable(),
  /** A recording's share/play id, or on the recording detail page the meeting instance's UUID. */
  recordingId: text(500).nullable(),
  topic: text(1000),
  startTime: text(200).nullable(),
  /** People in the meeting or heard in the recording; those still in the Waiting Room are left out. */
  participants: z.array(zoomParticipant).max(1000),
});
export type ZoomMeetingContext = z.infer<typeof zoomMeetingContext>;

/**
 * How a person takes part in a Gmail thread or draft. InboxSDK's message views give the sender and the
 * recipients with To and Cc merged (as Gmail's header shows them); a compose view splits To, Cc and Bcc.
 */
export const gmailRoles = ['from', 'recipient', 'to', 'cc', 'bcc'] as const;

export const gmailParticipant = person.extend({
  roles: z.array(z.enum(gmailRoles)).min(1).max(gmailRoles.length),
});
export type GmailParticipant = z.infer<typeof gmailParticipant>;

export const gmailMessage = z.object({
  /** The sender's address; null when Gmail showed none. */
  from: text(320).nullable(),
  /** The sender's name as Gmail shows it; empty when it shows none. Absent in contexts read before it was. */
  fromName: text(300).default(''),
  /**
   * When it was sent, in the page's time zone with its offset ("2026-04-21T09:12:00-07:00"); null when
   * the page gives no date the adapter can read (another language, a message still loading).
   */
  sentAt: isoDateTime.nullable().default(null),
  /** The body as plain text, quoted history left out. Untrusted: it may inform a draft, never act. */
  text: text(20_000),
});

export const gmailThreadContext = z.object({
  host: z.literal('gmail'),
  view: z.literal('thread'),
  threadId: text(200).nullable(),
  subject: text(1000),
  /** Senders and recipients of the loaded messages (collapsed, never-opened ones are not loaded). */
  participants: z.array(gmailParticipant).max(500),
  messages: z.array(gmailMessage).max(100),
});
export type GmailThreadContext = z.infer<typeof gmailThreadContext>;

export const gmailComposeContext = z.object({
  host: z.literal('gmail'),
  view: z.literal('compose'),
  /** The thread a reply belongs to; null for a new message. */
  threadId: text(200).nullable(),
  subject: text(1000),
  /** The draft's recipients so far. */
  participants: z.array(gmailParticipant).max(500),
});
export type GmailComposeContext = z.infer<typeof gmailComposeContext>;

export const gmailContext = z.discriminatedUnion('view', [gmailThreadContext, gmailComposeContext]);
export type GmailContext = z.infer<typeof gmailContext>;

export const hostContext = z.discriminatedUnion('host', [
  calendarEventContext,
  zoomMeetingContext,
  gmailContext,
]);
export type HostContext = z.infer<typeof hostContext>;

/**
 * The people a context names: event guests, meeting participants, or a thread's or draft's people.
 * Zoom's phone dial-ins and bots are left out: they are nobody to match or add to a customer.
 */
export function contextPeople(context: HostContext): Person[] {
  if (context.host === 'calendar') return context.attendees;
  if (context.host === 'zoom') return context.participants.filter((p) => p.kind === 'person');
  return context.participants;
}

/** What the page calls the thing that is open: event title, meeting topic or email subject. */
export function contextTitle(context: HostContext): string {
  if (context.host === 'calendar') return context.title;
  return context.host === 'zoom' ? context.topic : context.subject;
}

/** Addresses worth matching: deduplicated, lower-cased, in page order. */
export function participantEmails(context: HostContext): string[] {
  const seen = new Set<string>();
  for (const p of contextPeople(context)) if (p.email) seen.add(p.email.trim().toLowerCase());
  return [...seen];
}
