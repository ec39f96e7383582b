import {
  acceptInviteInput,
  changePasswordInput,
  loginInput,
  loginOutput,
  meOutput,
  updateMeInput,
  userOutput,
} from '../../shared/api/auth.ts';
import { okOutput } from '../../shared/api/common.ts';
import { authedProcedure } from '../trpc/procedures.ts';
import { publicProcedure, type RequestContext, router } from '../trpc/trpc.ts';
import { updateMe } from '../users/profile.ts';
import { acceptInvite, changePassword, describeMe, signIn, signOut } from './service.ts';

const depsOf = (ctx: RequestContext) => ({ db: ctx.deps.database.db, clock: ctx.deps.clock });

export const authRouter = router({
  login: publicProcedure
    .input(loginInput)
    .output(loginOutput)
    .mutation(({ ctx, input }) => signIn(depsOf(ctx), { ...input, ip: ctx.ip })),
  acceptInvite: publicProcedure
    .input(acceptInviteInput)
    .output(loginOutput)
    .mutation(({ ctx, input }) => acceptInvite(depsOf(ctx), input)),
  logout: authedProcedure
    .output(okOutput)
    .mutation(({ ctx }) => signOut({ db: ctx.db, clock: ctx.deps.clock }, ctx.principal)),
  me: authedProcedure.output(meOutput).query(({ ctx }) => describeMe(ctx.db, ctx.principal)),
  updateMe: authedProcedure
    .input(updateMeInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => updateMe({ db: ctx.db, clock: ctx.deps.clock }, ctx.principal, input)),
  changePassword: authedProcedure
    .input(changePasswordInput)
    .output(okOutput)
    .mutation(({ ctx, input }) =>
      changePassword({ db: ctx.db, clock: ctx.deps.clock }, ctx.principal, input),
    ),
});
