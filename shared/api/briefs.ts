import { z } from 'zod';
import { contactRoles, lifecycleStages } from '../enums.ts';
import { aiProviderNames } from './ai.ts';
import { id, isoDate, isoDateTime } from './common.ts';
import { activityOutput } from './customers.ts';
import { driverSeverities, healthBands } from './health.ts';

/** A guest as the Calendar page lists them. */
export const briefAttendee = z.object({
  email: z.string().trim().toLowerCase().max(320).nullable(),
  name: z.string().trim().max(300),
});
export type BriefAttendee = z.infer<typeof briefAttendee>;

const eventId = z.string().trim().min(1).max(1000);

/**
 * `{ eventId }` alone: an event the server already knows (recorded from Calendar, or briefed
 * before). With the event's guests, start and title: what the Calendar page shows, the event id when
 * it has one (a brief is kept per event).
 */
export const briefInput = z.union([
  z.object({
    eventId: eventId.optional(),
    attendees: z.array(briefAttendee).max(500),
    start: isoDateTime,
    title: z.string().trim().max(1000),
    /** `stored`: the kept brief as it is, stale or not (no model call); `fresh` regenerates a stale one. */
    mode: z.enum(['fresh', 'stored']).default('fresh'),
  }),
  // Strict: a page's event with a bad field is refused, not briefed by its id alone.
  z.strictObject({ eventId, mode: z.enum(['fresh', 'stored']).default('fresh') }),
]);
export type BriefInput = z.input<typeof briefInput>;

/** Where a claim comes from: a timeline entry, a stored signal, the health score or an open task. */
export const briefSourceKinds = ['activity', 'signal', 'health', 'task'] as const;
export const briefSource = z.object({ kind: z.enum(briefSourceKinds), id });
export type BriefSource = z.infer<typeof briefSource>;

/** One statement of the brief and the rows it was read from (never empty). */
export const briefClaim = z.object({
  text: z.string().max(1000),
  sources: z.array(briefSource).min(1).max(20),
});
export type BriefClaim = z.infer<typeof briefClaim>;

export const sentimentTrends = ['improving', 'declining', 'steady', 'unknown'] as const;

export const briefPerson = z.object({
  email: z.string().nullable(),
  name: z.string(),
  /** The stored contact, when the address is one of the customer's. */
  contactId: id.nullable(),
  title: z.string(),
  role: z.enum(contactRoles).nullable(),
  lastInteraction: briefClaim.nullable(),
  /** From the analysed emails this person sent: the latest score against the ones before. */
  sentiment: z.object({
    trend: z.enum(sentimentTrends),
    /** VADER-style −1..1 of their latest analysed email, null with none. */
    latest: z.number().min(-1).max(1).nullable(),
    sources: z.array(briefSource).max(20),
  }),
});
export type BriefPerson = z.infer<typeof briefPerson>;

export const briefAccount = z.object({
  arrMinor: z.number().int(),
  currency: z.string(),
  stage: z.enum(lifecycleStages),
  renewalDate: isoDate.nullable(),
  /** Days from today (when the brief was made) to the renewal, negative once past. */
  daysToRenewal: z.number().int().nullable(),
  health: z
    .object({
      score: z.number(),
      band: z.enum(healthBands),
      computedAt: isoDateTime,
      source: briefSource,
      /** The biggest effects, worst first. */
      drivers: z.array(briefClaim.extend({ severity: z.enum(driverSeverities) })).max(5),
    })
    .nullable(),
});

export const agendaItem = z.object({
  text: z.string().max(500),
  minutes: z.number().int().min(1).max(120),
  /** Empty for the stock opening and close. */
  sources: z.array(briefSource).max(20),
});

export const meetingBrief = z.object({
  customer: z.object({ id, name: z.string() }),
  /** Customer-side guests first, then ours (by name only). */
  attendees: z.array(briefPerson),
  colleagues: z.array(z.object({ email: z.string().nullable(), name: z.string() })),
  account: briefAccount,
  /** Open tasks and earlier calls' action items. */
  openItems: z.array(briefClaim),
  /** What we promised by email, and what they asked that may still wait on us. */
  commitments: z.array(briefClaim),
  risks: z.array(briefClaim),
  talkingPoints: z.array(briefClaim),
  agenda: z.array(agendaItem),
  /** The timeline entries the claims cite, so a link can open one. */
  activities: z.array(activityOutput),
});
export type MeetingBrief = z.infer<typeof meetingBrief>;

export const briefOutput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('brief'),
    briefId: id,
    eventId: z.string().nullable(),
    generatedAt: isoDateTime,
    /** Newer activity, signals, tasks or a new health score arrived for the customer since. */
    stale: z.boolean(),
    provider: z.enum(aiProviderNames),
    model: z.string(),
    brief: meetingBrief,
  }),
  /** Nobody from outside the org is invited: nothing to prepare. */
  z.object({ kind: z.literal('internal') }),
  /** Outside guests, but none matches a customer. */
  z.object({ kind: z.literal('no_customer'), unmatchedEmails: z.array(z.string()) }),
]);
export type BriefOutput = z.infer<typeof briefOutput>;

/** Which part of the brief a numbered fact comes from. */
export const briefFactSections = ['risk', 'open_item', 'commitment', 'ask', 'account', 'attendee'] as const;
export type BriefFactSection = (typeof briefFactSections)[number];

/** What the model is asked for: wording only, each item citing the facts' reference numbers. */
export const briefWording = z.object({
  talkingPoints: z
    .array(z.object({ text: z.string().min(1).max(500), refs: z.array(z.number().int().min(1)).max(10) }))
    .max(8),
  agenda: z
    .array(
      z.object({
        text: z.string().min(1).max(300),
        minutes: z.number().int().min(1).max(120),
        refs: z.array(z.number().int().min(1)).max(10),
      }),
    )
    .max(8),
});
export type BriefWording = z.infer<typeof briefWording>;
