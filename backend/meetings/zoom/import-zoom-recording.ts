import type { Logger } from 'pino';
import { actingMember } from '../../auth/acting-member.ts';
import type { Principal } from '../../auth/principal.ts';
import type { OrgRunner } from '../../db/tenancy.ts';
import type { AppDeps, StreamingDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { findConnection } from '../../integrations/connections/queries.ts';
import { withConnection } from '../../integrations/connections/with-connection.ts';
import { ZoomApiError, type ZoomClient } from '../../integrations/connections/zoom.ts';
import { RetryLater } from '../../jobs/retry-later.ts';
import type { DayRange } from '../call-records/same-day-title.ts';
import { type StoredCall, storeCall } from '../call-records/store-call.ts';
import { parseTranscript } from '../transcripts/parse-transcript.ts';
import { zoomLinksOf } from './zoom-links.ts';
import { zoomParticipantsOf } from './zoom-participants.ts';

export interface ZoomRecordingRequest {
  /** The meeting instance's UUID (the webhook's) or the meeting number (a pull: its latest instance). */
  meeting: string;
  /** Whose model calls these are; the member who connected Zoom when absent. */
  principal?: Principal;
  /** The customer the Zoom page shows: the call's, when no customer's meeting carries its number. */
  orCustomer?: { customerId: string; titleDay?: DayRange };
}

export type ZoomImportOutcome = StoredCall | { outcome: 'no_transcript'; meetingUuid: string };

/**
 * A meeting's cloud-recording transcript from Zoom, stored as its call: the recording's files
 * are listed and the TRANSCRIPT (VTT) downloaded through the org's Zoom connection (refreshed when
 * refused), and the meeting's participants read, with no transaction open; the call is then
 * stored like any import (its speakers matched to those participants), with the pages that
 * show the recording (its share and play links) kept so each finds the record. A rate limit comes
 * back as RetryLater with Zoom's Retry-After, for the job queue to wait that long.
 */
export async function importZoomRecording(
  deps: AppDeps & OrgRunner,
  request: ZoomRecordingRequest,
): Promise<ZoomImportOutcome> {
  const principal = request.principal ?? (await connectingMember(deps));
  let fetched: Awaited<ReturnType<typeof fetchTranscript>>;
  try {
    fetched = await withConnection(deps, { orgId: deps.orgId, provider: 'zoom' }, (zoom) =>
      fetchTranscript(zoom, request.meeting, deps.log),
    );
  } catch (error) {
    if (error instanceof ZoomApiError && error.status === 429)
      throw new RetryLater('Zoom rate limited the recordings call', (error.retryAfterSeconds ?? 60) * 1000, {
        cause: error,
      });
    if (error instanceof ZoomApiError && error.status === 404)
      throw new DomainError('NOT_FOUND', `Zoom has no cloud recording of meeting ${request.meeting}`);
    throw error;
  }
  if (!fetched.vtt) return { outcome: 'no_transcript', meetingUuid: fetched.recording.uuid };
  const { recording } = fetched;
  return storeCall(
    { ...deps, principal },
    {
      turns: parseTranscript(fetched.vtt, 'vtt'),
      source: 'zoom',
      zoomMeetingUuid: recording.uuid,
      participants: fetched.participants,
      recordingLinks: zoomLinksOf(recording),
      target: {
        conferenceId: String(recording.id),
        title: recording.topic,
        occurredAt: new Date(recording.start_time),
        ...(request.orCustomer ? { orCustomer: request.orCustomer } : {}),
      },
    },
  );
}

async function fetchTranscript(zoom: ZoomClient, meeting: string, log: Logger) {
  const recording = await zoom.meetingRecordings(meeting);
  const file = recording.recording_files.find(
    (f) => f.file_type === 'TRANSCRIPT' && (f.status ?? 'completed') === 'completed',
  );
  if (!file) return { recording, vtt: null, participants: [] };
  const vtt = await zoom.downloadText(file.download_url);
  return { recording, vtt, participants: await zoomParticipantsOf(zoom, recording.uuid, log) };
}

async function connectingMember(deps: AppDeps & OrgRunner): Promise<Principal> {
  const member = await deps.inOrg(async (tx) => {
    const connection = await findConnection(tx, { orgId: deps.orgId, provider: 'zoom', userId: null });
    return connection ? actingMember(tx, deps.orgId, connection.connectedBy) : undefined;
  });
  if (!member)
    throw new DomainError(
      'NOT_FOUND',
      'no Zoom connection: an admin connects Zoom in settings (Connections)',
    );
  return member;
}

/** `meetings.fetchZoomTranscript`: the pull, as the member who asked. */
export async function fetchZoomTranscript(deps: StreamingDeps, input: { meeting: string }) {
  const stored = await importZoomRecording(deps, { meeting: input.meeting, principal: deps.principal });
  return { outcome: stored.outcome, record: 'record' in stored ? stored.record : null };
}
