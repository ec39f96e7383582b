import { z } from 'zod';
import {
  inviteUserInput,
  inviteUserOutput,
  memberOutput,
  reissueInviteInput,
  removeUserInput,
  setRoleInput,
  userOutput,
} from '../../shared/api/auth.ts';
import { okOutput } from '../../shared/api/common.ts';
import { adminProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { inviteUser, reissueInvite } from './invitations.ts';
import { listUsers, removeUser, setUserRole } from './service.ts';

export const usersRouter = router({
  list: orgProcedure.output(z.array(memberOutput)).query(({ ctx }) => listUsers(ctx.deps)),
  invite: adminProcedure
    .input(inviteUserInput)
    .output(inviteUserOutput)
    .mutation(({ ctx, input }) => inviteUser(ctx.deps, input)),
  reissueInvite: adminProcedure
    .input(reissueInviteInput)
    .output(inviteUserOutput)
    .mutation(({ ctx, input }) => reissueInvite(ctx.deps, input)),
  setRole: adminProcedure
    .input(setRoleInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => setUserRole(ctx.deps, input)),
  remove: adminProcedure
    .input(removeUserInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => removeUser(ctx.deps, input)),
});
