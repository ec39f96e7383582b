import { contactOutput, linkContactInput, upsertContactInput } from '../../shared/api/customers.ts';
import { csmProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { linkContact, upsertContact } from './contacts.ts';

export const contactsRouter = router({
  upsert: csmProcedure
    .input(upsertContactInput)
    .output(contactOutput)
    .mutation(({ ctx, input }) => upsertContact(ctx.deps, input)),
  link: csmProcedure
    .input(linkContactInput)
    .output(contactOutput)
    .mutation(({ ctx, input }) => linkContact(ctx.deps, input)),
});
