import {
  acceptInviteInput,
  changePasswordInput,
  describeInviteInput,
  describeInviteOutput,
  loginInput,
  loginOutput,
  meOutput,
  updateMeInput,
  userOutput,
} from '../../shared/api/auth.ts';
import { okOutput } from '../../shared/api/common.ts';
import { authedProcedure, orgProcedure, streamingAuthedProcedure } from '../trpc/procedures.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';
import { updateMe } from '../users/profile.ts';
import { acceptInvite, changePassword, describeInvite, describeMe, signIn, signOut } from './service.ts';

export const authRouter = router({
  login: publicProcedure
    .input(loginInput)
    .output(loginOutput)
    .mutation(({ ctx, input }) => signIn(ctx.deps, { ...input, ip: ctx.ip })),
  acceptInvite: publicProcedure
    .input(acceptInviteInput)
    .output(loginOutput)
    .mutation(({ ctx, input }) => acceptInvite(ctx.deps, { ...input, ip: ctx.ip })),
  describeInvite: publicProcedure
    .input(describeInviteInput)
    .output(describeInviteOutput)
    .query(({ ctx, input }) => describeInvite(ctx.deps, { ...input, ip: ctx.ip })),
  logout: authedProcedure.output(okOutput).mutation(({ ctx }) => signOut(ctx.deps)),
  me: authedProcedure.output(meOutput).query(({ ctx }) => describeMe(ctx.deps)),
  updateMe: orgProcedure
    .input(updateMeInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => updateMe(ctx.deps, input)),
  // Two password hashings: not inside the request's transaction.
  changePassword: streamingAuthedProcedure
    .input(changePasswordInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => changePassword(ctx.deps, { ...input, ip: ctx.ip })),
});
