import { orgOutput, updateOrgInput } from '../../shared/api/auth.ts';
import { adminProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { getOrg, updateOrg } from './service.ts';

export const orgRouter = router({
  get: orgProcedure.output(orgOutput).query(({ ctx }) => getOrg(ctx.db, ctx.principal)),
  update: adminProcedure
    .input(updateOrgInput)
    .output(orgOutput)
    .mutation(({ ctx, input }) => updateOrg({ db: ctx.db, clock: ctx.deps.clock }, ctx.principal, input)),
});
