import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { CallRecordView, CallSource, SpeakerMapping } from '../../../shared/api/call-records.ts';
import { analyseTranscriptInput, type TranscriptTurn } from '../../../shared/api/meetings.ts';
import type { RecordSignalsOutput } from '../../../shared/api/signals.ts';
import type { Db } from '../../db/client.ts';
import { activities, orgs } from '../../db/schema.ts';
import type { StreamingDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { recordSignals } from '../../signals/service.ts';
import { analyseTranscript, type TranscriptAnalysis } from '../analysis.ts';
import { type CallRecordRow, callRecords } from '../schema.ts';
import { callSignalEvents } from './call-signals.ts';
import {
  callActivitySource,
  findCustomer,
  findMeetingActivity,
  findMeetingByConference,
  type MeetingActivity,
  recordOfActivity,
  recordOfZoomMeeting,
} from './queries.ts';
import { type RecordingLink, rememberRecordingLinks } from './recording-links.ts';
import { type DayRange, meetingByTitleOnDay } from './same-day-title.ts';
import { readSpeakerEvidence } from './speaker-evidence.ts';
import { attendeeNamesOf, type CallAttendee, mapSpeakers } from './speakers.ts';
import { callRecordViewOf } from './view.ts';

/**
 * Which meeting a transcript is of: one on the timeline; a customer's (their meeting with this
 * conference id, else a new call); or, from Zoom, whichever customer's meeting carries the number.
 */
export type CallTarget =
  | { activityId: string }
  | {
      customerId: string;
      conferenceId?: string;
      title: string;
      occurredAt: Date;
      timeGiven?: boolean;
      /** The page's day: with no conference match, the customer's one meeting of this title that day. */
      titleDay?: DayRange;
    }
  | {
      conferenceId: string;
      title: string;
      occurredAt: Date;
      timeGiven?: boolean;
      /**
       * The customer the page shows, when no customer's meeting carries the number: their one
       * meeting of this title that day, else a new call on their timeline.
       */
      orCustomer?: { customerId: string; titleDay?: DayRange };
    };

export interface StoreCallInput {
  turns: TranscriptTurn[];
  source: CallSource;
  target: CallTarget;
  zoomMeetingUuid?: string;
  /** Zoom's participant list of the meeting, when the call came from Zoom and Zoom gave one. */
  participants?: CallAttendee[];
  /** The Zoom recording pages that show this call: kept, so each finds the record. */
  recordingLinks?: readonly RecordingLink[];
}

export interface StoredCall {
  record: CallRecordView;
  outcome: 'created' | 'replaced' | 'unchanged';
  signals: Pick<RecordSignalsOutput, 'accepted' | 'duplicate'>;
}

/** A transcript pasted with no time names the customer's latest meeting on that conference this far back. */
const untimedLookBackMs = 90 * 24 * 60 * 60 * 1000;

/** What storing needs to know, read in one short transaction before the model is asked. */
interface CallPlan {
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

/**
 * Stores a call: the plan is read in a short transaction, the transcript analysed with no
 * transaction open (a model call), then one short write — the record, the call on the customer's
 * timeline, its health signals (event ids derived from the record, so a replay writes nothing).
 * The same transcript again is `unchanged` and is not analysed again; a new one for the same
 * meeting replaces the analysis and keeps the CSM's edits.
 */
export async function storeCall(deps: StreamingDeps, input: StoreCallInput): Promise<StoredCall> {
  requireAnalysableTurns(input.turns);
  const hash = transcriptHash(input.turns);
  const plan = await deps.inOrg((tx) => planCall(tx, deps.orgId, input));
  if (plan.existing && plan.existing.transcriptHash === hash) {
    const { existing } = plan;
    if (input.recordingLinks?.length)
      await deps.inOrg((tx) =>
        rememberRecordingLinks(tx, deps.orgId, existing.id, input.recordingLinks ?? []),
      );
    return {
      record: callRecordViewOf(plan.existing, { customerName: plan.customer.name, title: plan.title }),
      outcome: 'unchanged',
      signals: { accepted: 0, duplicate: 0 },
    };
  }
  const analysed = await analyseTranscript(deps, {
    transcript: input.turns,
    meetingDate: plan.meetingAt.toISOString(),
    ...(plan.customer.renewalDate ? { renewalDate: `${plan.customer.renewalDate}T00:00:00Z` } : {}),
    competitors: plan.competitors,
    attendees: plan.attendees,
  });
  return deps.inOrg((tx) => writeCall(tx, deps, { input, plan, hash, analysed }));
}

async function planCall(tx: Db, orgId: string, input: StoreCallInput): Promise<CallPlan> {
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

async function writeCall(
  tx: Db,
  deps: StreamingDeps,
  work: { input: StoreCallInput; plan: CallPlan; hash: string; analysed: TranscriptAnalysis },
): Promise<StoredCall> {
  const { input, plan, hash, analysed } = work;
  const now = deps.clock.now();
  const activityId =
    plan.existing?.activityId ??
    plan.meeting?.id ??
    (await insertCallActivity(tx, deps.orgId, plan, input, hash));
  const values = {
    turns: input.turns,
    transcriptHash: hash,
    analysis: analysed.analysis,
    speakers: plan.speakers,
    provider: analysed.provider,
    model: analysed.model,
    analysedAt: now,
    updatedAt: now,
  };
  const [row] = await tx
    .insert(callRecords)
    .values({
      ...values,
      orgId: deps.orgId,
      customerId: plan.customer.id,
      activityId,
      source: input.source,
      conferenceId: plan.conferenceId,
      zoomMeetingUuid: input.zoomMeetingUuid ?? null,
      meetingAt: plan.meetingAt,
    })
    .onConflictDoUpdate({
      target: [callRecords.orgId, callRecords.activityId],
      set: {
        ...values,
        source: input.source,
        zoomMeetingUuid: sql`coalesce(excluded.zoom_meeting_uuid, ${callRecords.zoomMeetingUuid})`,
      },
      setWhere: and(
        eq(callRecords.orgId, deps.orgId),
        sql`${callRecords.transcriptHash} <> excluded.transcript_hash`,
      ),
    })
    .returning({ id: callRecords.id, created: sql<boolean>`xmax = 0` });
  // No row: another writer stored the same transcript between our read and this write; theirs stands.
  const stored = await recordOfActivity(tx, deps.orgId, activityId);
  if (!stored) throw new Error('the call record vanished while it was stored');
  await rememberRecordingLinks(tx, deps.orgId, stored.id, input.recordingLinks ?? []);
  await tx
    .update(activities)
    .set({ summary: stored.analysis.summary.slice(0, 4000), updatedAt: now })
    .where(and(eq(activities.orgId, deps.orgId), eq(activities.id, activityId)));
  const signals = await recordSignals(tx, {
    orgId: deps.orgId,
    source: 'meeting',
    now,
    events: callSignalEvents({
      recordId: stored.id,
      activityId,
      customerId: stored.customerId,
      meetingAt: stored.meetingAt,
      analysis: stored.analysis,
    }),
  });
  return {
    record: callRecordViewOf(stored, { customerName: plan.customer.name, title: plan.title }),
    outcome: !row ? 'unchanged' : row.created ? 'created' : 'replaced',
    signals: { accepted: signals.accepted, duplicate: signals.duplicate },
  };
}

/** A call no Calendar meeting stood for gets its own entry on the customer's timeline (once). */
async function insertCallActivity(
  tx: Db,
  orgId: string,
  plan: CallPlan,
  input: StoreCallInput,
  hash: string,
): Promise<string> {
  const externalId = input.zoomMeetingUuid ? `zoom:${input.zoomMeetingUuid}` : `transcript:${hash}`;
  await tx
    .insert(activities)
    .values({
      orgId,
      customerId: plan.customer.id,
      kind: 'call',
      occurredAt: plan.meetingAt,
      subject: plan.title,
      conferenceId: plan.conferenceId,
      source: callActivitySource,
      externalId,
    })
    .onConflictDoNothing({ target: [activities.orgId, activities.source, activities.externalId] });
  const [row] = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.source, callActivitySource),
        eq(activities.externalId, externalId),
      ),
    );
  if (!row) throw new Error('the call activity was not written');
  return row.id;
}

/** What the analysis takes (turns, a speaker's name, one turn's length), refused with the reason, not a 500. */
function requireAnalysableTurns(turns: TranscriptTurn[]): void {
  const checked = analyseTranscriptInput.shape.transcript.safeParse(turns);
  if (checked.success) return;
  const issue = checked.error.issues[0];
  const where = issue?.path.length ? ` (turn ${Number(issue.path[0]) + 1})` : '';
  throw new DomainError(
    'BAD_REQUEST',
    `the transcript cannot be analysed${where}: ${issue?.message ?? 'invalid'}`,
  );
}

export function transcriptHash(turns: TranscriptTurn[]): string {
  return createHash('sha256').update(JSON.stringify(turns)).digest('hex');
}
