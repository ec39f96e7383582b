import { z } from 'zod';
import { isoDateTime } from './common.ts';

/** The signed-in member's Calendar sync: when it last ran, what it found, and its last error. */
export const calendarSyncStatus = z.object({
  /** False until the member's Google is connected with a Calendar scope. */
  connected: z.boolean(),
  lastSyncedAt: isoDateTime.nullable(),
  /** Customer meetings the last run recorded or updated on timelines. */
  lastRecorded: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  lastErrorAt: isoDateTime.nullable(),
  /** A sync is waiting in the queue or running now. */
  pending: z.boolean(),
});
export type CalendarSyncStatus = z.infer<typeof calendarSyncStatus>;
