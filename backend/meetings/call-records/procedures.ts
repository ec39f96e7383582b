import {
  callRecordView,
  editCallRecordInput,
  fetchZoomTranscriptInput,
  fetchZoomTranscriptOutput,
  findCallRecordInput,
  findCallRecordOutput,
  findZoomRecordingInput,
  findZoomRecordingOutput,
  importTranscriptInput,
  importTranscriptOutput,
  mapSpeakerInput,
  proposeCallTasksInput,
  proposedActionsOutput,
  proposeFollowUpInput,
} from '../../../shared/api/call-records.ts';
import { csmProcedure, orgProcedure, streamingCsmProcedure } from '../../trpc/procedures.ts';
import { findZoomRecording } from '../zoom/find-zoom-recording.ts';
import { fetchZoomTranscript } from '../zoom/import-zoom-recording.ts';
import { editCallRecord, findCallRecord, mapCallSpeaker } from './edit-call-record.ts';
import { importTranscript } from './import-transcript.ts';
import { proposeCallFollowUp, proposeCallTasks } from './propose-follow-ups.ts';

/** The call record's procedures, spread into the meetings router. */
export const callRecordProcedures = {
  /** Analyses outside any transaction (a model call), so it holds none while it waits. */
  importTranscript: streamingCsmProcedure
    .input(importTranscriptInput)
    .output(importTranscriptOutput)
    .mutation(({ ctx, input }) => importTranscript(ctx.deps, input)),
  /** A pull: the meeting's cloud-recording transcript through the org's Zoom connection. */
  fetchZoomTranscript: streamingCsmProcedure
    .input(fetchZoomTranscriptInput)
    .output(fetchZoomTranscriptOutput)
    .mutation(({ ctx, input }) => fetchZoomTranscript(ctx.deps, input)),
  /** A recording page no record knows: found among the Zoom account's recordings and imported. */
  findZoomRecording: streamingCsmProcedure
    .input(findZoomRecordingInput)
    .output(findZoomRecordingOutput)
    .mutation(({ ctx, input }) => findZoomRecording(ctx.deps, input)),
  callRecord: orgProcedure
    .input(findCallRecordInput)
    .output(findCallRecordOutput)
    .query(({ ctx, input }) => findCallRecord(ctx.deps, input)),
  editCallRecord: csmProcedure
    .input(editCallRecordInput)
    .output(callRecordView)
    .mutation(({ ctx, input }) => editCallRecord(ctx.deps, input)),
  mapSpeaker: csmProcedure
    .input(mapSpeakerInput)
    .output(callRecordView)
    .mutation(({ ctx, input }) => mapCallSpeaker(ctx.deps, input)),
  proposeCallTasks: csmProcedure
    .input(proposeCallTasksInput)
    .output(proposedActionsOutput)
    .mutation(({ ctx, input }) => proposeCallTasks(ctx.deps, input)),
  proposeFollowUp: csmProcedure
    .input(proposeFollowUpInput)
    .output(proposedActionsOutput)
    .mutation(({ ctx, input }) => proposeCallFollowUp(ctx.deps, input)),
};
