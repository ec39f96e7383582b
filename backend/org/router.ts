import { orgOutput, updateOrgInput } from '../../shared/api/auth.ts';
import { adminProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { getOrg, updateOrg } from './service.ts';

export const orgRouter = router({
  get: orgProcedure.output(orgOutput).query(({ ctx }) => getOrg(ctx.deps)),
  update: adminProcedure
    .input(updateOrgInput)
    .output(orgOutput)
    .mutation(({ ctx, input }) => updateOrg(ctx.deps, input)),
});
