import { eq } from 'drizzle-orm';
import type { SpeakerMapping } from '../../../shared/api/call-records.ts';
import type { Db } from '../../db/client.ts';
import { orgs } from '../../db/schema.ts';
import { DomainError } from '../../domain-error.ts';
import type { CallRecordRow } from '../schema.ts';
import {
  findCustomer,
  findMeetingActivity,
  findMeetingByConference,
  type MeetingActivity,
  recordOfActivity,
  recordOfZoomMeeting,
} from './queries.ts';
import { meetingByTitleOnDay } from './same-day-title.ts';
import { readSpeakerEvidence } from './speaker-evidence.ts';
import { attendeeNamesOf, mapSpeakers } from './speakers.ts';
import type { CallTarget, StoreCallInput } from './store-call.ts';

/** A transcript pasted with no time names the customer's latest meeting on that conference this far back. */
const untimedLookBackMs = 90 * 24 * 60 * 60 * 1000;

/** What storing needs to know, read in one short transaction before the model is asked. */
export interface CallPlan {
  customer: { id: string; name: string; renewalDate: string | null };
  meeting: MeetingActivity | null;
  title: string;
  meetingAt: Date;
  conferenceId: string | null;
  existing: CallRecordRow | undefined;
  speakers: SpeakerMapping[];
  /** The org's competitor list (settings → Organisation): the names the analysis listens for. */
  competitors: string[];
  /** Who was there and may own a task: the matched speakers, Zoom's participants, the event's guests. */
  attendees: string[];
}

export async function planCall(tx: Db, orgId: string, input: StoreCallInput): Promise<CallPlan> {
  const { target } = input;
  let meeting: MeetingActivity | undefined;
  if ('activityId' in target) {
    meeting = await findMeetingActivity(tx, orgId, target.activityId);
    if (!meeting) throw new DomainError('NOT_FOUND', 'no such meeting on any timeline');
  } else if (target.conferenceId) {
    meeting = await findMeetingByConference(
      tx,
      orgId,
      target.conferenceId,
      target.occurredAt,
      'customerId' in target ? target.customerId : undefined,
      target.timeGiven === false ? untimedLookBackMs : undefined,
    );
  }
  const pageCustomer = pageCustomerOf(target);
  if (!meeting && pageCustomer?.titleDay) {
    const { customerId, title, titleDay } = pageCustomer;
    meeting = await meetingByTitleOnDay(tx, orgId, customerId, title, titleDay);
  }
  const customerId = meeting?.customerId ?? pageCustomer?.customerId;
  if (!customerId) {
    throw new DomainError(
      'NOT_FOUND',
      `no customer's meeting carries video meeting ${'conferenceId' in target ? target.conferenceId : ''}: import the transcript from the customer's sidebar`,
    );
  }
  const customer = await findCustomer(tx, orgId, customerId);
  if (!customer) throw new DomainError('NOT_FOUND', 'no such customer');
  const existing =
    (meeting ? await recordOfActivity(tx, orgId, meeting.id) : undefined) ??
    (input.zoomMeetingUuid ? await recordOfZoomMeeting(tx, orgId, input.zoomMeetingUuid) : undefined);
  const names = [...new Set(input.turns.map((t) => t.speaker))];
  const [evidence, [org]] = await Promise.all([
    readSpeakerEvidence(tx, orgId, {
      customerId,
      meetingId: meeting?.id ?? null,
      speakers: names,
      participants: input.participants ?? [],
    }),
    tx.select({ competitors: orgs.competitors }).from(orgs).where(eq(orgs.id, orgId)),
  ]);
  const speakers = keepManualFixes(mapSpeakers(names, evidence), existing?.speakers ?? []);
  const fallback = 'title' in target ? target : { title: 'Call', occurredAt: new Date() };
  return {
    customer,
    meeting: meeting ?? null,
    title: meeting?.subject || fallback.title,
    meetingAt: meeting?.occurredAt ?? fallback.occurredAt,
    conferenceId: meeting?.conferenceId ?? ('conferenceId' in target ? (target.conferenceId ?? null) : null),
    existing,
    speakers,
    competitors: org?.competitors ?? [],
    attendees: attendeeNamesOf(speakers, evidence.attendees),
  };
}

/** The customer a paste names, or the one a Zoom page shows: the call's when no meeting carries its number. */
function pageCustomerOf(target: CallTarget) {
  if ('customerId' in target)
    return { customerId: target.customerId, title: target.title, titleDay: target.titleDay };
  if ('orCustomer' in target && target.orCustomer) return { ...target.orCustomer, title: target.title };
  return undefined;
}

/** A speaker fixed by hand on this very call stays fixed when its transcript is replaced. */
function keepManualFixes(mapped: SpeakerMapping[], before: SpeakerMapping[]): SpeakerMapping[] {
  const manual = new Map(before.filter((s) => s.how === 'manual').map((s) => [s.speaker, s]));
  return mapped.map((s) => manual.get(s.speaker) ?? s);
}
