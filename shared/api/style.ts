import { z } from 'zod';
import { id } from './common.ts';
import { styleProfile } from './drafts.ts';

/** The longest sent body kept: a reply with its quoted history cut off is far shorter. */
export const maxSentTextChars = 20_000;

/** A message that began as a CSCX draft was sent: the body as Gmail sent it. */
export const recordSentInput = z.object({
  draftId: id,
  sentText: z.string().trim().min(1).max(maxSentTextChars),
});
export type RecordSentInput = z.infer<typeof recordSentInput>;

/** The CSM's own style profile, with what it says in plain words ("Opens with “Hey”"). */
export const styleProfileOutput = z.object({
  profile: styleProfile,
  describe: z.array(z.string()),
  /** When it last changed; null when nothing was learned since the start or the last reset. */
  updatedAt: z.string().nullable(),
});
export type StyleProfileOutput = z.infer<typeof styleProfileOutput>;

export const recordSentOutput = styleProfileOutput.extend({
  /** Word-level edit distance between the draft and what was sent, over the longer one's words: 0..1. */
  editDistance: z.number().min(0).max(1),
});
export type RecordSentOutput = z.infer<typeof recordSentOutput>;
