import { DomainError } from '../../domain-error.ts';
import { type JobHandler, orgOfJob } from '../../jobs/handlers.ts';
import { importZoomRecording } from './import-zoom-recording.ts';

export const zoomTranscriptQueue = 'meetings.zoom-transcript';

/**
 * Zoom said a meeting's transcript is ready (`recording.transcript_completed`): the job holds only
 * the meeting's UUID, and fetches the rest through the org's connection. Run again (a replay, a
 * crash), it stores the same transcript once. A meeting no customer's Calendar event carries is
 * logged and left: retrying cannot find its customer.
 */
const zoomTranscriptJob: JobHandler = async (deps, job) => {
  const org = orgOfJob(job);
  const meetingUuid = job.payload.meetingUuid;
  if (typeof meetingUuid !== 'string') throw new Error(`${zoomTranscriptQueue} needs a meetingUuid`);
  try {
    const stored = await importZoomRecording({ ...deps, ...org }, { meeting: meetingUuid });
    deps.log.info({ orgId: org.orgId, jobId: job.id, outcome: stored.outcome }, 'zoom transcript stored');
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'NOT_FOUND') throw error;
    deps.log.warn({ orgId: org.orgId, jobId: job.id, reason: error.message }, 'zoom transcript not stored');
  }
};

export const zoomJobHandlers: Record<string, JobHandler> = { [zoomTranscriptQueue]: zoomTranscriptJob };
