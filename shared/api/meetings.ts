import { z } from 'zod';
import { id, isoDateTime } from './common.ts';

/**
 * A Calendar event the sidebar showed a customer for: recorded as a meeting on that customer's
 * timeline under the Calendar API's event id, so a later Calendar sync finds the same row.
 */
export const recordCalendarMeetingInput = z.object({
  customerId: id,
  /** The Calendar API's event id, an occurrence's instance suffix included ("abc123_20260430T160000Z"). */
  eventId: z.string().trim().min(1).max(1000),
  title: z.string().trim().max(1000),
  start: isoDateTime,
  /** The event's video meeting (Zoom's meeting number, Meet's code): how its Zoom page finds the customer. */
  conferenceId: z.string().trim().min(1).max(100).nullable(),
});

export const recordCalendarMeetingOutput = z.object({
  /** `off` when the org does not record Calendar meetings (an admin's setting). */
  outcome: z.enum(['recorded', 'updated', 'unchanged', 'off']),
});
export type RecordCalendarMeetingOutput = z.infer<typeof recordCalendarMeetingOutput>;
