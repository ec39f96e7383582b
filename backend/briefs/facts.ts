import { and, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { ActivityOutput } from '../../shared/api/customers.ts';
import type { MeetingAnalysis } from '../../shared/api/meetings.ts';
import type { ThreadAnalysis } from '../../shared/api/threads.ts';
import type { ContactRole, LifecycleStage, SignalKind } from '../../shared/enums.ts';
import type { Db } from '../db/client.ts';
import { activities, customers, tasks } from '../db/schema.ts';
import type { StoredDriver } from '../health/model/components.ts';
import { healthScores } from '../health/schema.ts';
import { callRecords } from '../meetings/schema.ts';
import type { SignalDetail } from '../signals/schema.ts';
import { activityColumns, toActivity } from './activity-rows.ts';
import { readAttendeeContacts } from './attendee-contacts.ts';
import { readRiskSignals } from './risk-signals.ts';

const dayMs = 86_400_000;
/** How far back emails count for sentiment and commitments. */
const emailWindowDays = 180;

export interface BriefContact {
  id: string;
  email: string;
  name: string;
  title: string;
  role: ContactRole;
}

export interface AnalysedEmail {
  activity: ActivityOutput;
  analysis: ThreadAnalysis;
}

export interface BriefSignal {
  id: string;
  kind: SignalKind;
  observedAt: Date;
  value: number;
  detail: SignalDetail;
}

/** Everything a brief says, as read from the database in one short transaction. */
export interface BriefFacts {
  customer: {
    id: string;
    name: string;
    arrMinor: number;
    currency: string;
    stage: LifecycleStage;
    renewalDate: string | null;
  };
  /** The attendees who are stored contacts of the customer. */
  contacts: BriefContact[];
  /** Each such contact's latest timeline entry before the meeting, by contact id. */
  lastTouches: Map<string, ActivityOutput>;
  /** Analysed emails, newest first. */
  emails: AnalysedEmail[];
  /** Meetings and calls before this one, newest first. */
  pastCalls: ActivityOutput[];
  /** The action items of the last calls with a call record (the CSM's edits over the model's), newest first. */
  callActions: { call: ActivityOutput; items: MeetingAnalysis['actionItems'] }[];
  openTickets: ActivityOutput[];
  /** The latest NPS answer in the email window. */
  latestNps: ActivityOutput | null;
  openTasks: { id: string; title: string; dueDate: string | null }[];
  health: { score: number; band: string; computedAt: Date; drivers: StoredDriver[] } | null;
  /** Risk, competitor and departure signals in the signal window, newest first. */
  signals: BriefSignal[];
  /** The calls those signals were heard on. */
  signalCalls: ActivityOutput[];
}

/**
 * Reads a customer's brief material as of `asOf` (now): a handful of short index walks on
 * (org_id, customer_id, …), sent together so the transaction's connection pipelines them. Entries
 * dated later (a future meeting already on the timeline) are left out, and earlier calls are those
 * before the meeting. `emails` are the attendees' addresses.
 */
export async function readBriefFacts(
  tx: Db,
  orgId: string,
  input: { customerId: string; emails: string[]; meetingAt: Date; asOf: Date },
): Promise<BriefFacts | null> {
  const { customerId, asOf } = input;
  const callsBefore = new Date(Math.min(asOf.getTime(), input.meetingAt.getTime()));
  const ofThisCustomer = and(eq(activities.orgId, orgId), eq(activities.customerId, customerId));
  const before = lte(activities.occurredAt, asOf);
  const emailSince = new Date(asOf.getTime() - emailWindowDays * dayMs);
  const recent = [desc(activities.occurredAt), desc(activities.id)] as const;

  const [
    [customer],
    people,
    emailRows,
    pastCalls,
    recorded,
    openTickets,
    [latestNps],
    openTasks,
    [health],
    risks,
  ] = await Promise.all([
    tx
      .select({
        id: customers.id,
        name: customers.name,
        arrMinor: customers.arrMinor,
        currency: customers.currency,
        stage: customers.stage,
        renewalDate: customers.renewalDate,
      })
      .from(customers)
      .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId))),
    readAttendeeContacts(tx, orgId, customerId, input.emails, and(ofThisCustomer, before)),
    tx
      .select({ ...activityColumns, analysis: activities.analysis })
      .from(activities)
      .where(
        and(
          ofThisCustomer,
          eq(activities.kind, 'email'),
          gte(activities.occurredAt, emailSince),
          before,
          sql`${activities.analysis} is not null`,
        ),
      )
      .orderBy(...recent)
      .limit(40),
    tx
      .select(activityColumns)
      .from(activities)
      .where(
        and(
          ofThisCustomer,
          inArray(activities.kind, ['meeting', 'call']),
          lt(activities.occurredAt, callsBefore),
        ),
      )
      .orderBy(...recent)
      .limit(3),
    tx
      .select({
        ...activityColumns,
        items: sql<
          MeetingAnalysis['actionItems']
        >`coalesce(${callRecords.edits}->'actionItems', ${callRecords.analysis}->'actionItems', '[]'::jsonb)`,
      })
      .from(callRecords)
      .innerJoin(
        activities,
        and(eq(activities.orgId, callRecords.orgId), eq(activities.id, callRecords.activityId)),
      )
      .where(
        and(
          eq(callRecords.orgId, orgId),
          eq(callRecords.customerId, customerId),
          lt(callRecords.meetingAt, callsBefore),
        ),
      )
      .orderBy(desc(callRecords.meetingAt))
      .limit(2),
    tx
      .select(activityColumns)
      .from(activities)
      .where(
        and(
          ofThisCustomer,
          eq(activities.kind, 'ticket'),
          inArray(activities.ticketStatus, ['open', 'pending']),
        ),
      )
      .orderBy(...recent)
      .limit(10),
    tx
      .select(activityColumns)
      .from(activities)
      .where(and(ofThisCustomer, eq(activities.kind, 'nps'), gte(activities.occurredAt, emailSince), before))
      .orderBy(...recent)
      .limit(1),
    tx
      .select({ id: tasks.id, title: tasks.title, dueDate: tasks.dueDate })
      .from(tasks)
      .where(and(eq(tasks.orgId, orgId), eq(tasks.customerId, customerId), eq(tasks.status, 'open')))
      .orderBy(sql`${tasks.dueDate} asc nulls last`, tasks.id)
      .limit(10),
    tx
      .select({
        score: healthScores.score,
        band: healthScores.band,
        computedAt: healthScores.computedAt,
        drivers: healthScores.drivers,
      })
      .from(healthScores)
      .where(and(eq(healthScores.orgId, orgId), eq(healthScores.customerId, customerId))),
    readRiskSignals(tx, orgId, customerId, asOf, ofThisCustomer),
  ]);
  if (!customer) return null;

  return {
    customer,
    contacts: people.contacts,
    lastTouches: people.lastTouches,
    emails: emailRows.flatMap(({ analysis, ...row }) =>
      analysis ? [{ activity: toActivity(row), analysis: analysis.analysis }] : [],
    ),
    pastCalls: pastCalls.map(toActivity),
    callActions: recorded.map(({ items, ...call }) => ({ call: toActivity(call), items })),
    openTickets: openTickets.map(toActivity),
    latestNps: latestNps ? toActivity(latestNps) : null,
    openTasks,
    health: health ?? null,
    signals: risks.signals,
    signalCalls: risks.calls,
  };
}
