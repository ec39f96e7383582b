import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { CallRecordView, CallSource } from '../../../shared/api/call-records.ts';
import { analyseTranscriptInput, type TranscriptTurn } from '../../../shared/api/meetings.ts';
import type { RecordSignalsOutput } from '../../../shared/api/signals.ts';
import type { Db } from '../../db/client.ts';
import { activities } from '../../db/schema.ts';
import type { StreamingDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { recordSignals } from '../../signals/service.ts';
import { analyseTranscript, type TranscriptAnalysis } from '../analysis.ts';
import { callRecords } from '../schema.ts';
import { callSignalEvents } from './call-signals.ts';
import { meetingLocalTime } from './meeting-local-time.ts';
import { type CallPlan, planCall } from './plan-call.ts';
import { callActivitySource, recordOfActivity } from './queries.ts';
import { type RecordingLink, rememberRecordingLinks } from './recording-links.ts';
import type { DayRange } from './same-day-title.ts';
import type { CallAttendee } from './speakers.ts';
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
    // "By Friday" is the Friday of the people on the call: the storing member's clock.
    meetingDate: meetingLocalTime(plan.meetingAt, deps.principal.timeZone),
    ...(plan.customer.renewalDate ? { renewalDate: `${plan.customer.renewalDate}T00:00:00Z` } : {}),
    competitors: plan.competitors,
    attendees: plan.attendees,
  });
  return deps.inOrg((tx) => writeCall(tx, deps, { input, plan, hash, analysed }));
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
