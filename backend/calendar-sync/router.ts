import { calendarSyncStatus as statusOutput } from '../../shared/api/calendar-sync.ts';
import { orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { calendarSyncStatus, requestCalendarSync } from './service.ts';

export const calendarSyncRouter = router({
  status: orgProcedure.output(statusOutput).query(({ ctx }) => calendarSyncStatus(ctx.deps)),
  syncNow: orgProcedure.output(statusOutput).mutation(({ ctx }) => requestCalendarSync(ctx.deps)),
});
