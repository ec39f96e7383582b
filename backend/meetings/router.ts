import { briefInput, briefOutput } from '../../shared/api/briefs.ts';
import { recordCalendarMeetingInput, recordCalendarMeetingOutput } from '../../shared/api/meetings.ts';
import { meetingBrief } from '../briefs/service.ts';
import { csmProcedure, streamingOrgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { callRecordProcedures } from './call-records/procedures.ts';
import { recordCalendarMeeting } from './service.ts';

export const meetingsRouter = router({
  recordFromCalendar: csmProcedure
    .input(recordCalendarMeetingInput)
    .output(recordCalendarMeetingOutput)
    .mutation(({ ctx, input }) => recordCalendarMeeting(ctx.deps, input)),
  /** A model call: on the streaming base, so no transaction is held while the wording is written. */
  brief: streamingOrgProcedure
    .input(briefInput)
    .output(briefOutput)
    .query(({ ctx, input, signal }) => meetingBrief(ctx.deps, input, signal)),
  ...callRecordProcedures,
});
