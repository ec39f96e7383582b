import { executeActionJob } from '../actions/execute/job.ts';
import { executeActionQueue } from '../actions/transitions.ts';
import { briefJobHandlers, briefSchedules } from '../briefs/jobs.ts';
import { calendarSyncJobHandlers, calendarSyncSchedules } from '../calendar-sync/jobs.ts';
import { calibrationJobHandlers } from '../health/calibration/job.ts';
import { healthJobHandlers, healthSchedules } from '../health/jobs.ts';
import { zoomJobHandlers } from '../meetings/zoom/transcript-job.ts';
import type { JobHandler, JobRegistry, Schedule } from './handlers.ts';

/**
 * Every queue the worker runs, and the schedules that feed them: a feature adds its handlers and
 * schedules here. A job whose queue is not listed stays queued (a newer server may know it).
 */
export const jobHandlers: Record<string, JobHandler> = {
  ...healthJobHandlers,
  ...calibrationJobHandlers,
  ...zoomJobHandlers,
  [executeActionQueue]: executeActionJob,
  ...briefJobHandlers,
  ...calendarSyncJobHandlers,
};

export const jobSchedules: Schedule[] = [...healthSchedules, ...briefSchedules, ...calendarSyncSchedules];

export const jobRegistry: JobRegistry = { handlers: jobHandlers, schedules: jobSchedules };
