import { z } from 'zod';
import { id, isoDateTime } from './common.ts';

export const jobStateOutput = z.enum(['queued', 'running', 'done', 'dead']);

/** A job of the caller's org as settings shows it: no payload, only what it is and how far it got. */
export const jobOutput = z.object({
  id,
  queue: z.string(),
  state: jobStateOutput,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** The last failure's message: kept on a dead job, and on one waiting to retry. */
  lastError: z.string().nullable(),
  runAt: isoDateTime,
  progress: z.object({ done: z.number(), total: z.number(), label: z.string().nullable() }).nullable(),
  createdAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});
export type JobOutput = z.infer<typeof jobOutput>;

export const listJobsInput = z
  .object({ limit: z.number().int().min(1).max(200).default(50) })
  .default({ limit: 50 });
