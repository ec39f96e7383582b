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
    .query(({ ctx, input }) => listCustomers(ctx.deps, input)),
  get: orgProcedure
    .input(z.object({ id }))
    .output(customerDetail)
    .query(({ ctx, input }) => getCustomer(ctx.deps, input)),
  upsert: csmProcedure
    .input(upsertCustomerInput)
    .output(customerSummary)
    .mutation(({ ctx, input }) => upsertCustomer(ctx.deps, input)),
  timeline: orgProcedure
    .input(timelineInput)
    .output(timelineOutput)
    .query(({ ctx, input }) => customerTimeline(ctx.deps, input)),
  context: orgProcedure
    .input(contextInput)
    .output(contextOutput)
    .query(({ ctx, input }) => getCustomerContext(ctx.deps, input)),
});
