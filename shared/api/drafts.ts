import { z } from 'zod';
import { id } from './common.ts';
import { threadMessage } from './threads.ts';

export const draftIntents = ['reply', 'follow_up', 'check_in', 'renewal', 'custom'] as const;
export type DraftIntent = (typeof draftIntents)[number];
export const draftTones = ['concise', 'warm', 'formal'] as const;
export type DraftTone = (typeof draftTones)[number];
export const draftLengths = ['short', 'medium', 'long'] as const;
export type DraftLength = (typeof draftLengths)[number];

export const generateDraftInput = z
  .object({
    customerId: id,
    /** The thread being answered; null for a new message (a check-in, a renewal note). */
    thread: z
      .object({
        threadId: z.string().trim().min(1).max(200).nullable(),
        subject: z.string().max(1000),
        messages: z.array(threadMessage).min(1).max(100),
      })
      .nullable(),
    intent: z.enum(draftIntents).default('reply'),
    /** What the CSM asks for in their own words; required for `custom`. Trusted: the CSM typed it. */
    instruction: z.string().trim().max(2000).nullable().default(null),
    tone: z.enum(draftTones).default('warm'),
    length: z.enum(draftLengths).default('medium'),
    /** The same seed, the same local draft; Regenerate sends a new one. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0),
  })
  .refine((d) => d.intent !== 'custom' || (d.instruction?.length ?? 0) > 0, {
    message: 'a custom draft needs an instruction',
    path: ['instruction'],
  });
export type GenerateDraftInput = z.infer<typeof generateDraftInput>;

/** A link in the draft that is in neither the thread nor CSCX's own data: shown, never inserted silently. */
export const flaggedLink = z.object({ url: z.string(), reason: z.string() });
export type FlaggedLink = z.infer<typeof flaggedLink>;

/**
 * A sentence of the draft that repeats an instruction found in the untrusted mail, or does what the
 * CSM did not ask (forward the thread, credentials, payment details, an approval): shown marked with
 * its reason, never inserted without the CSM's say.
 */
export const flaggedPassage = z.object({ text: z.string(), reason: z.string() });
export type FlaggedPassage = z.infer<typeof flaggedPassage>;

/**
 * What `drafts.generate` streams: the text as it comes (a flagged passage as a piece of its own,
 * with why), then who answered, the links withheld (not in the thread or CSCX's data), the passages
 * flagged, and the draft's id (its record, for the feedback on edits).
 */
export const draftEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string(),
    flag: z.object({ reason: z.string() }).optional(),
  }),
  z.object({
    type: z.literal('done'),
    draftId: id,
    provider: z.string(),
    model: z.string(),
    fellBackFrom: z.string().nullable(),
    flaggedLinks: z.array(flaggedLink),
    flaggedPassages: z.array(flaggedPassage),
  }),
]);
export type DraftEvent = z.infer<typeof draftEvent>;

/**
 * How a CSM writes, learned from how they edit CSCX's drafts before sending: every provider's draft
 * follows it. Null fields: not learned yet.
 */
export const styleProfile = z.object({
  greeting: z.string().max(100).nullable(),
  signOff: z.string().max(200).nullable(),
  /** Words in a typical sent reply. */
  typicalWords: z.number().int().min(1).max(2000).nullable(),
  /** -1 casual … 1 formal. */
  formality: z.number().min(-1).max(1).nullable(),
  /** Phrases the CSM keeps deleting from drafts, and ones they keep adding (near the end). */
  removedPhrases: z.array(z.string().max(200)).max(20),
  addedPhrases: z.array(z.string().max(200)).max(20),
  /** How many sent drafts it was learned from. */
  samples: z.number().int().min(0),
  // Learned since the second pass: absent from profiles stored before it, which read as not learned.
  /** "Hey Priya Raman," rather than "Hey Priya,". */
  greetsByFullName: z.boolean().optional(),
  /** The lines they sign with below the sign-off ("Sam Lee\nCustomer Success Manager"). */
  signature: z.string().max(300).nullable().optional(),
  /** Phrases they keep writing at the top, before anything else. */
  openingPhrases: z.array(z.string().max(200)).max(10).optional(),
  /** The first answer before the opening thanks and small talk. */
  leadsWithAnswer: z.boolean().optional(),
  contractions: z.enum(['contracted', 'spelled out']).nullable().optional(),
  noExclamations: z.boolean().optional(),
  /** "Wed Nov 25" rather than "Wednesday, November 25". */
  shortDates: z.boolean().optional(),
});
export type StyleProfile = z.infer<typeof styleProfile>;

/**
 * The output of `drafts.generate`: a stream whose every event is checked against `draftEvent` as it
 * goes out (a zod schema cannot describe an iterable, so this wraps it).
 */
export const draftStream = z
  .custom<AsyncIterable<DraftEvent>>(
    (value) => typeof value === 'object' && value !== null && Symbol.asyncIterator in value,
    'a stream of draft events',
  )
  .transform((events) => checkedEvents(events));

async function* checkedEvents(events: AsyncIterable<DraftEvent>): AsyncGenerator<DraftEvent> {
  for await (const event of events) yield draftEvent.parse(event);
}
