import { z } from 'zod';
import {
  domainConflictOutput,
  domainConflictsInput,
  orgOutput,
  updateOrgInput,
} from '../../shared/api/auth.ts';
import { adminProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { findDomainConflicts, getOrg, updateOrg } from './service.ts';

export const orgRouter = router({
  get: orgProcedure.output(orgOutput).query(({ ctx }) => getOrg(ctx.deps)),
  update: adminProcedure
    .input(updateOrgInput)
    .output(orgOutput)
    .mutation(({ ctx, input }) => updateOrg(ctx.deps, input)),
  domainConflicts: adminProcedure
    .input(domainConflictsInput)
    .output(z.array(domainConflictOutput))
    .query(({ ctx, input }) => findDomainConflicts(ctx.deps, input)),
});
