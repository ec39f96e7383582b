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
  list: orgProcedure.output(z.array(userOutput)).query(({ ctx }) => listUsers(ctx.deps)),
  invite: adminProcedure
    .input(inviteUserInput)
    .output(inviteUserOutput)
    .mutation(({ ctx, input }) => inviteUser(ctx.deps, input)),
  setRole: adminProcedure
    .input(setRoleInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => setUserRole(ctx.deps, input)),
  remove: adminProcedure
    .input(removeUserInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => removeUser(ctx.deps, input)),
});
