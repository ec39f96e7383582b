import { z } from 'zod';
import { aiProviderNames } from './ai.ts';
import { id, isoDateTime } from './common.ts';

/**
 * One message of the thread the CSM has open, as the Gmail adapter read it. Untrusted: the text is
 * data for the analysis, never an instruction to anyone.
 */
export const threadMessage = z.object({
  from: z.object({ email: z.string().max(320).nullable(), name: z.string().max(300) }),
  sentAt: isoDateTime.nullable(),
  text: z.string().max(20_000),
});
export type ThreadMessage = z.infer<typeof threadMessage>;

export const analyzeThreadInput = z.object({
  /** Gmail's thread id: the timeline entry is upserted on it, so opening the thread again changes nothing. */
  threadId: z.string().trim().min(1).max(200).nullable(),
  subject: z.string().max(1000),
  /** The customer the sidebar matched; null analyses without logging. */
  customerId: id.nullable(),
  /** Oldest first. */
  messages: z.array(threadMessage).min(1).max(100),
  /** Log the thread on the customer's timeline (the org's `logGmailThreads` setting can still refuse). */
  log: z.boolean().default(true),
});
export type AnalyzeThreadInput = z.infer<typeof analyzeThreadInput>;

export const sentimentLabels = ['negative', 'neutral', 'positive'] as const;
export const urgencies = ['low', 'normal', 'high'] as const;

/** A span quoted from a message: the server keeps only quotes that really occur in that message. */
const quoted = z.object({
  quote: z.string().min(1).max(1000),
  /** Index into `messages`. */
  messageIndex: z.number().int().min(0),
});

export const threadAnalysis = z.object({
  sentiment: z.object({ score: z.number().min(-1).max(1), label: z.enum(sentimentLabels) }),
  urgency: z.enum(urgencies),
  /** What the customer asks us to do or answer, in their words. */
  asks: z.array(quoted.extend({ kind: z.enum(['request', 'question']) })).max(50),
  /** What we said we would do, with the date it is due when one was said. */
  commitments: z.array(quoted.extend({ due: isoDateTime.nullable() })).max(50),
  /** The last message is the customer's and asks something, or waits on us. */
  needsReply: z.boolean(),
  /** Two lines at most. */
  summary: z.string().max(600),
});
export type ThreadAnalysis = z.infer<typeof threadAnalysis>;

export const analyzeThreadOutput = z.object({
  analysis: threadAnalysis,
  provider: z.enum(aiProviderNames),
  model: z.string(),
  /** Set when the chosen provider failed and a later one in the chain answered. */
  fellBackFrom: z.enum(aiProviderNames).nullable(),
  /** The timeline entry, when the thread was logged; `off` when the org does not log Gmail threads. */
  logged: z.enum(['recorded', 'updated', 'unchanged', 'off', 'not_logged']),
  activityId: id.nullable(),
});
export type AnalyzeThreadOutput = z.infer<typeof analyzeThreadOutput>;
