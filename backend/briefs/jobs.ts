import { and, eq, gte, lt, or, sql } from 'drizzle-orm';
import { actingMember } from '../auth/acting-member.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/client.ts';
import { activities, customers } from '../db/schema.ts';
import { type JobHandler, orgOfJob, type Schedule } from '../jobs/handlers.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { calendarSource } from '../meetings/calendar-source.ts';
import { meetingBriefs } from './schema.ts';
import { meetingBrief } from './service.ts';

export const prepareBriefQueue = 'briefs.prepare';
export const planBriefsQueue = 'briefs.plan';

const minuteMs = 60_000;
/** How often the plan runs: each run enqueues the briefs due in the window it opens. */
const planEveryMs = 15 * minuteMs;
/** A brief is ready this long before its event. */
export const briefLeadTimes = [
  { name: '24h', ms: 24 * 60 * minuteMs },
  { name: '1h', ms: 60 * minuteMs },
] as const;

/**
 * One plan per org per window: every known upcoming event (recorded from Calendar, or briefed before)
 * whose 24 h or 1 h mark falls in the window gets a prepare job at that mark. A slot runs once
 * (backend/jobs/schedules.ts), so each mark is enqueued once; the singleton key holds a retried plan.
 */
const planBriefsJob: JobHandler = async (_deps, job) => {
  const org = orgOfJob(job);
  const slotAt = new Date(String(job.payload.slotAt));
  if (Number.isNaN(slotAt.getTime())) throw new Error('briefs.plan needs a slotAt');
  await org.inOrg(async (tx) => {
    for (const lead of briefLeadTimes) {
      const from = new Date(slotAt.getTime() + lead.ms);
      const to = new Date(from.getTime() + planEveryMs);
      for (const event of await upcomingEvents(tx, org.orgId, from, to)) {
        await enqueueJob(tx, {
          queue: prepareBriefQueue,
          orgId: org.orgId,
          payload: { eventKey: event.eventKey },
          runAt: new Date(event.startsAt.getTime() - lead.ms),
          singletonKey: `${event.eventKey}:${lead.name}`,
        });
      }
    }
  });
};

/** Events starting in [from, to): Calendar meetings on a timeline, and events briefed before. */
async function upcomingEvents(tx: Db, orgId: string, from: Date, to: Date) {
  const recorded = await tx
    .select({ eventKey: sql<string>`${activities.externalId}`, startsAt: activities.occurredAt })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.source, calendarSource),
        gte(activities.occurredAt, from),
        lt(activities.occurredAt, to),
      ),
    );
  const briefed = await tx
    .select({ eventKey: meetingBriefs.eventKey, startsAt: sql<Date>`${meetingBriefs.startsAt}` })
    .from(meetingBriefs)
    .where(
      and(eq(meetingBriefs.orgId, orgId), gte(meetingBriefs.startsAt, from), lt(meetingBriefs.startsAt, to)),
    );
  const byKey = new Map([...recorded, ...briefed].map((e) => [e.eventKey, e]));
  return [...byKey.values()];
}

/**
 * Regenerates the event's brief when it is stale or missing (a fresh one costs one short read). The
 * brief is prepared for the account's owner, whose model settings, time zone and usage record it
 * takes; an account without an owner gets its brief when someone opens the event.
 */
const prepareBriefJob: JobHandler = async (deps, job) => {
  const org = orgOfJob(job);
  const eventKey = job.payload.eventKey;
  if (typeof eventKey !== 'string' || !eventKey) throw new Error('briefs.prepare needs an eventKey');
  const principal = await org.inOrg((tx) => ownerPrincipal(tx, org.orgId, eventKey));
  if (!principal) {
    deps.log.info({ queue: job.queue, jobId: job.id }, 'no owner to prepare the brief for');
    return;
  }
  await meetingBrief({ ...deps, ...org, principal }, { eventId: eventKey, mode: 'fresh' }, job.signal);
};

/** The owner of the event's customer as the brief's principal: a job has no token of its own. */
async function ownerPrincipal(tx: Db, orgId: string, eventKey: string): Promise<Principal | undefined> {
  const [row] = await tx
    .select({ ownerId: customers.ownerId })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, orgId),
        or(
          sql`${customers.id} = (select customer_id from ${meetingBriefs} where org_id = ${orgId} and event_key = ${eventKey})`,
          sql`${customers.id} = (select customer_id from ${activities} where org_id = ${orgId} and source = ${calendarSource} and external_id = ${eventKey})`,
        ),
      ),
    )
    .limit(1);
  return row?.ownerId ? actingMember(tx, orgId, row.ownerId) : undefined;
}

export const briefJobHandlers: Record<string, JobHandler> = {
  [planBriefsQueue]: planBriefsJob,
  [prepareBriefQueue]: prepareBriefJob,
};

export const briefSchedules: Schedule[] = [
  { name: 'briefs.plan', queue: planBriefsQueue, perOrg: true, every: { kind: 'interval', ms: planEveryMs } },
];
