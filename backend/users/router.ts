import { z } from 'zod';
import {
  inviteUserInput,
  inviteUserOutput,
  removeUserInput,
  setRoleInput,
  userOutput,
} from '../../shared/api/auth.ts';
import { okOutput } from '../../shared/api/common.ts';
import { adminProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { inviteUser, listUsers, removeUser, setUserRole } from './service.ts';

export const usersRouter = router({
  list: orgProcedure.output(z.array(userOutput)).query(({ ctx }) => listUsers(ctx.db)),
  invite: adminProcedure
    .input(inviteUserInput)
    .output(inviteUserOutput)
    .mutation(({ ctx, input }) =>
      inviteUser(
        { db: ctx.db, clock: ctx.deps.clock, publicUrl: ctx.deps.config.publicUrl },
        ctx.principal,
        input,
      ),
    ),
  setRole: adminProcedure
    .input(setRoleInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => setUserRole({ db: ctx.db, clock: ctx.deps.clock }, ctx.principal, input)),
  remove: adminProcedure
    .input(removeUserInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => removeUser({ db: ctx.db, clock: ctx.deps.clock }, ctx.principal, input)),
});
