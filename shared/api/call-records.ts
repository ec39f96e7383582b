import { z } from 'zod';
import { id, isoDateTime } from './common.ts';
import { meetingAnalysis, transcriptTurn } from './meetings.ts';

/** How a transcript came in: Zoom's cloud recording, a file or text in the sidebar, the CLI. */
export const callSources = ['zoom', 'upload', 'paste', 'cli'] as const;
export type CallSource = (typeof callSources)[number];

export const transcriptFormats = ['vtt', 'srt', 'plain'] as const;

/** A one-hour call's VTT is ~150 KB; two megabytes leaves room for long workshops, not for abuse. */
export const maxTranscriptChars = 2_000_000;

/**
 * A Zoom recording page's id: the token of `/rec/play/<token>` or `/rec/share/<token>`, or on the
 * recording detail page the meeting instance's UUID. One URL path segment, as the page's URL has it.
 */
export const zoomRecordingId = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^[^\s?#]+$/, 'one segment of a Zoom recording URL');

/**
 * A transcript pasted or uploaded: for a meeting already on the timeline (`activityId`), for a
 * meeting known by its video conference id (the Zoom page's meeting number), or for a customer (a
 * new call on its timeline). A transcript for a meeting that has one replaces it; the CSM's edits stay.
 */
export const importTranscriptInput = z
  .object({
    text: z
      .string()
      .min(1, 'the transcript is empty')
      .max(maxTranscriptChars, `at most ${maxTranscriptChars.toLocaleString('en')} characters`),
    /** Detected from the text when absent. */
    format: z.enum(transcriptFormats).optional(),
    source: z.enum(['upload', 'paste']).default('paste'),
    activityId: id.optional(),
    customerId: id.optional(),
    /** Zoom's meeting number (digits) or Meet's code: finds the meeting activity carrying it. */
    conferenceId: z.string().trim().min(1).max(200).optional(),
    /** A new call's title and time, when no meeting activity is found. */
    title: z.string().trim().max(500).optional(),
    occurredAt: isoDateTime.optional(),
    /** The Zoom recording page it was pasted on: remembered, so reopening that page shows the record. */
    recordingId: zoomRecordingId.optional(),
  })
  .refine((input) => input.activityId !== undefined || input.customerId !== undefined, {
    message: 'name the meeting (activityId) or the customer (customerId)',
  });
export type ImportTranscriptInput = z.input<typeof importTranscriptInput>;

/**
 * How a speaker was matched: `zoom_participant` (Zoom's participant of that name), `calendar_guest`
 * (a guest of the Calendar event by display name), `guest_address` (a guest whose address reads as
 * the name), `contact` / `member` (the customer's contact or the org's member of that name),
 * `remembered` (a CSM's earlier fix), `manual` (fixed on this call), `none`.
 */
export const speakerMatches = [
  'zoom_participant',
  'calendar_guest',
  'guest_address',
  'contact',
  'member',
  'remembered',
  'manual',
  'none',
] as const;

/** Who a transcript's speaker is: the customer's contact, an attendee's address, or a name the CSM typed. */
export const speakerMapping = z.object({
  speaker: z.string(),
  contactId: id.nullable(),
  name: z.string(),
  email: z.string().nullable(),
  how: z.enum(speakerMatches),
  /**
   * One of the org's own people (a member, an address at its domain): never a customer attendee.
   * Absent on records stored before it was told apart.
   */
  internal: z.boolean().optional(),
});
export type SpeakerMapping = z.infer<typeof speakerMapping>;

/** What a CSM may change: each section replaces the model's whole list, so a re-analysis keeps it. */
export const callRecordEdits = z.object({
  summary: z.string().max(4000).optional(),
  decisions: meetingAnalysis.shape.decisions.optional(),
  actionItems: meetingAnalysis.shape.actionItems.optional(),
});
export type CallRecordEdits = z.infer<typeof callRecordEdits>;

export const callRecordView = z.object({
  id,
  customerId: id,
  customerName: z.string(),
  activityId: id,
  title: z.string(),
  meetingAt: isoDateTime,
  source: z.enum(callSources),
  conferenceId: z.string().nullable(),
  zoomMeetingUuid: z.string().nullable(),
  turns: z.array(transcriptTurn),
  /** The model's analysis with the CSM's edits laid over it: what the sidebar shows. */
  analysis: meetingAnalysis,
  edited: z.object({ summary: z.boolean(), decisions: z.boolean(), actionItems: z.boolean() }),
  speakers: z.array(speakerMapping),
  provider: z.string(),
  model: z.string(),
  analysedAt: isoDateTime,
});
export type CallRecordView = z.infer<typeof callRecordView>;

/**
 * The Zoom page's meeting: a stored record's id, its meeting UUID, the recording page's id, its
 * number; failing those, the page's topic and start time (the one record that day with that title).
 */
export const findCallRecordInput = z
  .object({
    id: id.optional(),
    conferenceId: z.string().trim().min(1).max(200).optional(),
    zoomMeetingUuid: z.string().trim().min(1).max(500).optional(),
    recordingId: zoomRecordingId.optional(),
    topic: z.string().trim().min(1).max(1000).optional(),
    startTime: isoDateTime.optional(),
  })
  .refine((i) => i.id || i.conferenceId || i.zoomMeetingUuid || i.recordingId || (i.topic && i.startTime), {
    message: 'give id, conferenceId, zoomMeetingUuid, recordingId, or topic with startTime',
  });

export const findCallRecordOutput = z.object({ record: callRecordView.nullable() });

export const importTranscriptOutput = z.object({
  record: callRecordView,
  /** `created`: a new record; `replaced`: the meeting's transcript was replaced; `unchanged`: the same text again. */
  outcome: z.enum(['created', 'replaced', 'unchanged']),
  signals: z.object({ accepted: z.number().int(), duplicate: z.number().int() }),
});

export const editCallRecordInput = callRecordEdits.extend({ id });

export const mapSpeakerInput = z.object({
  id,
  speaker: z.string().trim().min(1).max(200),
  /** A contact of the call's customer; or null with a `name` for someone who is not one. */
  contactId: id.nullable(),
  name: z.string().trim().max(200).optional(),
});

export const proposeCallTasksInput = z.object({
  id,
  /** Indexes into the shown action items; all of them when absent. */
  items: z.array(z.number().int().nonnegative()).max(100).optional(),
});

export const proposeFollowUpInput = z.object({ id });

export const proposedActionsOutput = z.object({
  actionIds: z.array(id),
  /** Why nothing was proposed for some ("no customer attendee has an address"). */
  skipped: z.array(z.string()),
});

/** "Fetch the transcript of this meeting from Zoom": its number (latest instance) or an instance's UUID. */
export const fetchZoomTranscriptInput = z.object({ meeting: z.string().trim().min(1).max(500) });

export const fetchZoomTranscriptOutput = z.object({
  /** `no_transcript`: Zoom has the recording but no transcript of it (yet). */
  outcome: z.enum(['created', 'replaced', 'unchanged', 'no_transcript']),
  record: callRecordView.nullable(),
});

/**
 * A recording page no record knows yet: its id looked up among the connected Zoom account's recent
 * recordings (around `startTime` when the page shows one), and that meeting's transcript imported.
 */
export const findZoomRecordingInput = z.object({
  recordingId: zoomRecordingId,
  startTime: isoDateTime.optional(),
  /** The customer the page shows (its topic, its people): the call's when no customer's meeting carries its number. */
  customerId: id.optional(),
});

export const findZoomRecordingOutput = z.object({
  /**
   * `not_connected`: the org has no Zoom connection; `not_found`: none of its recent recordings has
   * this page; `no_transcript`: Zoom has the recording but no transcript of it (yet); `no_customer`:
   * no customer's meeting is this call and the page named no customer. Each leaves the page to a
   * pasted transcript.
   */
  outcome: z.enum([
    'created',
    'replaced',
    'unchanged',
    'no_transcript',
    'not_found',
    'not_connected',
    'no_customer',
  ]),
  record: callRecordView.nullable(),
});
