import { z } from 'zod';
import { jobOutput, listJobsInput } from '../../shared/api/jobs.ts';
import { adminProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { listOrgJobs } from './list.ts';

export const jobsRouter = router({
  list: adminProcedure
    .input(listJobsInput)
    .output(z.array(jobOutput))
    .query(({ ctx, input }) => listOrgJobs(ctx.deps, input)),
});
