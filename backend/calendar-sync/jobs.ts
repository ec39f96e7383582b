import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { retryAfterSeconds } from '../integrations/connections/retry-after.ts';
import { connections } from '../integrations/schema.ts';
import { type JobHandler, orgOfJob, type Schedule } from '../jobs/handlers.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { RetryLater } from '../jobs/retry-later.ts';
import { syncMemberCalendar } from './sync.ts';

export const syncCalendarQueue = 'calendar.sync';
export const planCalendarSyncsQueue = 'calendar.plan';

/** How often every connected calendar is synced: briefs are planned from what it finds. */
const syncEveryMs = 15 * 60_000;
/** The scope that lets CSCX read the member's own calendars. */
export const calendarScope = 'https://www.googleapis.com/auth/calendar.events.owned';

/** One waiting sync per member: a request while one waits joins it. */
export function enqueueCalendarSync(tx: Db, orgId: string, userId: string) {
  return enqueueJob(tx, {
    queue: syncCalendarQueue,
    orgId,
    payload: { userId },
    singletonKey: `calendar.sync:${userId}`,
  });
}

/** Every member of the org whose Google connection may read their calendar gets a sync. */
const planCalendarSyncsJob: JobHandler = async (_deps, job) => {
  const org = orgOfJob(job);
  await org.inOrg(async (tx) => {
    const members = await tx
      .select({ userId: connections.userId })
      .from(connections)
      .innerJoin(users, and(eq(users.orgId, connections.orgId), eq(users.id, connections.userId)))
      .where(
        and(
          eq(connections.orgId, org.orgId),
          eq(connections.provider, 'google'),
          isNull(users.removedAt),
          sql`${calendarScope} = any(${connections.scopes})`,
        ),
      );
    for (const { userId } of members) if (userId) await enqueueCalendarSync(tx, org.orgId, userId);
  });
};

const syncCalendarJob: JobHandler = async (deps, job) => {
  const org = orgOfJob(job);
  const userId = job.payload.userId;
  if (typeof userId !== 'string' || !userId) throw new Error('calendar.sync needs a userId');
  try {
    const outcome = await syncMemberCalendar({ ...deps, ...org }, userId);
    deps.log.info({ queue: job.queue, jobId: job.id, ...outcome }, 'calendar synced');
  } catch (error) {
    const wait = retryAfterSeconds(error);
    if (wait !== undefined)
      throw new RetryLater('Google Calendar asked to wait', wait * 1000, { cause: error });
    throw error;
  }
};

export const calendarSyncJobHandlers: Record<string, JobHandler> = {
  [planCalendarSyncsQueue]: planCalendarSyncsJob,
  [syncCalendarQueue]: syncCalendarJob,
};

export const calendarSyncSchedules: Schedule[] = [
  {
    name: 'calendar.plan',
    queue: planCalendarSyncsQueue,
    perOrg: true,
    every: { kind: 'interval', ms: syncEveryMs },
  },
];
