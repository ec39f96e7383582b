import { z } from 'zod';
import { email, id, isoDateTime } from './common.ts';

/** The most guests one event sends: the page's list beyond it is left to a Calendar sync. */
export const maxCalendarMeetingGuests = 200;

/** A person the Calendar page lists on the event, as it shows them (rooms, resources and groups left out). */
export const calendarMeetingGuest = z.object({
  email,
  name: z.string().trim().max(300).default(''),
  organizer: z.boolean().default(false),
});
export type CalendarMeetingGuest = z.input<typeof calendarMeetingGuest>;

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
  /**
   * Who the page lists as invited: kept as the meeting's guests, for its call's speakers and follow-up.
   * Absent from an extension that predates it (and from the sync, which keeps Google's list itself).
   */
  attendees: z.array(calendarMeetingGuest).max(maxCalendarMeetingGuests).optional(),
  /**
   * True when the page listed only some of the guests it says the event has: the ones it lists are
   * added to those kept, rather than replacing them.
   */
  attendeesPartial: z.boolean().optional(),
});

export const recordCalendarMeetingOutput = z.object({
  /** `off` when the org does not record Calendar meetings (an admin's setting). */
  outcome: z.enum(['recorded', 'updated', 'unchanged', 'off']),
});
export type RecordCalendarMeetingOutput = z.infer<typeof recordCalendarMeetingOutput>;

/** One speaker's turn of a call transcript; `start`/`end` are seconds from the recording's start. */
export const transcriptTurn = z.object({
  speaker: z.string().trim().min(1).max(200),
  start: z.number().nonnegative().optional(),
  end: z.number().nonnegative().optional(),
  text: z.string().max(100_000),
});
export type TranscriptTurn = z.infer<typeof transcriptTurn>;

export const analyseTranscriptInput = z.object({
  transcript: z.array(transcriptTurn).min(1).max(20_000),
  /** When the call took place: "by Friday" resolves against it. */
  meetingDate: isoDateTime,
  /** The account's renewal: "before the renewal" resolves to it. */
  renewalDate: isoDateTime.optional(),
  /** The org's list of competitors, as they are named. */
  competitors: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  /** People on the invite who may own an action without speaking. */
  attendees: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
});
export type AnalyseTranscriptInput = z.input<typeof analyseTranscriptInput>;

/** `turn`: the index into the transcript of the turn a finding was taken from. */
const citedTurn = z.number().int().nonnegative();

export const meetingSignalKinds = ['risk', 'expansion', 'competitor'] as const;

export const meetingAnalysis = z.object({
  /** A few sentences from the call, in the order they were said. */
  summary: z.string().max(4000),
  decisions: z.array(z.object({ text: z.string().max(1000), turn: citedTurn })).max(100),
  actionItems: z
    .array(
      z.object({
        text: z.string().max(1000),
        /** A speaker or an attendee; null when nobody took it. */
        owner: z.string().max(200).nullable(),
        /** ISO 8601 with the meeting's offset, or null when none was said. */
        due: isoDateTime.nullable(),
        turn: citedTurn,
      }),
    )
    .max(100),
  speakers: z
    .array(
      z.object({
        speaker: z.string().max(200),
        /** Seconds spoken when the transcript has timestamps, else null. */
        talkSeconds: z.number().nonnegative().nullable(),
        words: z.number().int().nonnegative(),
        /** Share of the call's talk (by time, else by words), 0..1. */
        share: z.number().min(0).max(1),
        /** VADER compound mean of the speaker's sentences, -1..1. */
        sentiment: z.number().min(-1).max(1),
      }),
    )
    .max(200),
  openQuestions: z.array(z.object({ text: z.string().max(1000), turn: citedTurn })).max(100),
  signals: z
    .array(
      z.object({
        kind: z.enum(meetingSignalKinds),
        /** What was heard: "budget cut", "new team", or the competitor's name. */
        label: z.string().max(200),
        quote: z.string().max(1000),
        turn: citedTurn,
      }),
    )
    .max(200),
});
export type MeetingAnalysis = z.infer<typeof meetingAnalysis>;
