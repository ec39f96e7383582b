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

export const hostContext = z.discriminatedUnion('host', [calendarEventContext, zoomMeetingContext]);
export type HostContext = z.infer<typeof hostContext>;

/** Addresses worth matching: deduplicated, lower-cased, in page order. */
export function participantEmails(context: HostContext): string[] {
  const people = context.host === 'calendar' ? context.attendees : context.participants;
  const seen = new Set<string>();
  for (const p of people) if (p.email) seen.add(p.email.trim().toLowerCase());
  return [...seen];
}
