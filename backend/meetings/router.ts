import { recordCalendarMeetingInput, recordCalendarMeetingOutput } from '../../shared/api/meetings.ts';
import { csmProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { recordCalendarMeeting } from './service.ts';

export const meetingsRouter = router({
  recordFromCalendar: csmProcedure
    .input(recordCalendarMeetingInput)
    .output(recordCalendarMeetingOutput)
    .mutation(({ ctx, input }) => recordCalendarMeeting(ctx.deps, input)),
});
