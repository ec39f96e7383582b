import { z } from 'zod';

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

export const calendarEventContext = z.object({
  host: z.literal('calendar'),
  /** Google's event id (decoded from `data-eventid` when the page carries the base64 form). */
  eventId: text(1000),
  title: text(1000),
  /** ISO date-times when the page gives them in a parseable form, else the page's own wording. */
  start: text(200).nullable(),
  end: text(200).nullable(),
  /** Human guests only: rooms and other resources are left out. */
  attendees: z.array(person).max(500),
  description: text(20_000),
  conferenceUrl: z.url().nullable(),
});
export type CalendarEventContext = z.infer<typeof calendarEventContext>;

export const zoomPageKinds = ['meeting', 'recording', 'web-client'] as const;

export const zoomMeetingContext = z.object({
  host: z.literal('zoom'),
  page: z.enum(zoomPageKinds),
  meetingId: text(200).nullable(),
  recordingId: text(500).nullable(),
  topic: text(1000),
  startTime: text(200).nullable(),
  participants: z.array(person).max(1000),
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

/** The people a context names: event guests, meeting participants, or a thread's or draft's people. */
export function contextPeople(context: HostContext): Person[] {
  return context.host === 'calendar' ? context.attendees : context.participants;
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
