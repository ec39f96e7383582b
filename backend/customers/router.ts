import { z } from 'zod';
import { id } from '../../shared/api/common.ts';
import {
  contextInput,
  contextOutput,
  customerDetail,
  customerSummary,
  listCustomersInput,
  listCustomersOutput,
  timelineInput,
  timelineOutput,
  upsertCustomerInput,
} from '../../shared/api/customers.ts';
import { csmProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { getCustomerContext } from './context.ts';
import { customerTimeline, getCustomer, listCustomers, upsertCustomer } from './service.ts';

export const customersRouter = router({
  list: orgProcedure
    .input(listCustomersInput)
    .output(listCustomersOutput)
    .query(({ ctx, input }) => listCustomers(ctx.db, ctx.principal, input, ctx.deps.clock.now())),
  get: orgProcedure
    .input(z.object({ id }))
    .output(customerDetail)
    .query(({ ctx, input }) => getCustomer(ctx.db, ctx.principal, input.id)),
  upsert: csmProcedure
    .input(upsertCustomerInput)
    .output(customerSummary)
    .mutation(({ ctx, input }) =>
      upsertCustomer({ db: ctx.db, clock: ctx.deps.clock }, ctx.principal, input),
    ),
  timeline: orgProcedure
    .input(timelineInput)
    .output(timelineOutput)
    .query(({ ctx, input }) => customerTimeline(ctx.db, ctx.principal, input)),
  context: orgProcedure
    .input(contextInput)
    .output(contextOutput)
    .query(({ ctx, input }) => getCustomerContext(ctx.db, ctx.principal, input, ctx.deps.clock.now())),
});
