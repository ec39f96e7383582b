import { z } from 'zod';
import {
  actionPolicy,
  actionView,
  bulkApproveInput,
  bulkApproveOutput,
  decideActionInput,
  editActionInput,
  listActionsInput,
  listedAction,
  policyView,
  proposeActionInput,
  waitingCountOutput,
} from '../../shared/api/actions.ts';
import { adminProcedure, csmProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { approveAction, bulkApproveActions, editAction, rejectAction } from './decide.ts';
import { countWaitingActions, listActions } from './list.ts';
import { actionPolicies, proposeFromClient, updateActionPolicy } from './service.ts';

export const actionsRouter = router({
  propose: csmProcedure
    .input(proposeActionInput)
    .output(actionView)
    .mutation(({ ctx, input }) => proposeFromClient(ctx.deps, input)),
  list: orgProcedure
    .input(listActionsInput)
    .output(z.array(listedAction))
    .query(({ ctx, input }) => listActions(ctx.deps, input)),
  waitingCount: orgProcedure.output(waitingCountOutput).query(({ ctx }) => countWaitingActions(ctx.deps)),
  approve: csmProcedure
    .input(decideActionInput)
    .output(actionView)
    .mutation(({ ctx, input }) => approveAction(ctx.deps, input)),
  edit: csmProcedure
    .input(editActionInput)
    .output(actionView)
    .mutation(({ ctx, input }) => editAction(ctx.deps, input)),
  reject: csmProcedure
    .input(decideActionInput)
    .output(actionView)
    .mutation(({ ctx, input }) => rejectAction(ctx.deps, input)),
  bulkApprove: csmProcedure
    .input(bulkApproveInput)
    .output(bulkApproveOutput)
    .mutation(({ ctx, input }) => bulkApproveActions(ctx.deps, input)),
  policy: adminProcedure.output(policyView).query(({ ctx }) => actionPolicies(ctx.deps)),
  updatePolicy: adminProcedure
    .input(actionPolicy)
    .output(policyView)
    .mutation(({ ctx, input }) => updateActionPolicy(ctx.deps, input)),
});
