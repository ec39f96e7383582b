import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { activities } from '../../db/schema.ts';
import { callRecords } from '../schema.ts';
import type { MeetingActivity } from './queries.ts';

/** A calendar day as an instant range: [from, to). */
export interface DayRange {
  from: Date;
  to: Date;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The day a page's start time falls on, in the offset it is written with ("…T17:00:00-08:00" is
 * that Pacific day, not the UTC one it runs into); null when it is no date-time.
 */
export function dayOf(startTime: string): DayRange | null {
  const at = Date.parse(startTime);
  if (Number.isNaN(at)) return null;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(startTime);
  const offsetMs = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000
    : 0;
  const from = Math.floor((at + offsetMs) / dayMs) * dayMs - offsetMs;
  return { from: new Date(from), to: new Date(from + dayMs) };
}

/** Titles compared as names are (case, accents, punctuation and dashes folded): `cscx_name_key`. */
const sameTitle = (title: string) => sql`cscx_name_key(${activities.subject}) = cscx_name_key(${title})`;

/**
 * The one call record whose meeting has this title on this day; none when no record or several
 * (two customers' "Weekly sync") do: a guess between them would show the wrong customer's call.
 */
export async function recordIdByTitleOnDay(
  tx: Db,
  orgId: string,
  title: string,
  day: DayRange,
): Promise<string | undefined> {
  const rows = await tx
    .select({ id: callRecords.id })
    .from(callRecords)
    .innerJoin(
      activities,
      and(eq(activities.orgId, callRecords.orgId), eq(activities.id, callRecords.activityId)),
    )
    .where(
      and(
        eq(callRecords.orgId, orgId),
        gte(callRecords.meetingAt, day.from),
        lt(callRecords.meetingAt, day.to),
        sameTitle(title),
      ),
    )
    .limit(2);
  return rows.length === 1 ? rows[0]?.id : undefined;
}

/** The customer's one meeting (or call) with this title on this day, when exactly one is. */
export async function meetingByTitleOnDay(
  tx: Db,
  orgId: string,
  customerId: string,
  title: string,
  day: DayRange,
): Promise<MeetingActivity | undefined> {
  const rows = await tx
    .select({
      id: activities.id,
      customerId: activities.customerId,
      occurredAt: activities.occurredAt,
      subject: activities.subject,
      conferenceId: activities.conferenceId,
    })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.customerId, customerId),
        inArray(activities.kind, ['meeting', 'call']),
        gte(activities.occurredAt, day.from),
        lt(activities.occurredAt, day.to),
        sameTitle(title),
      ),
    )
    .limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}
