import {
  disconnectInput,
  disconnectOutput,
  listConnectionsOutput,
  startConnectionInput,
  startConnectionOutput,
} from '../../../shared/api/connections.ts';
import { orgProcedure, streamingOrgProcedure } from '../../trpc/procedures.ts';
import { router } from '../../trpc/trpc.ts';
import { disconnectConnection, listConnections } from './service.ts';
import { startConnection } from './start.ts';

export const connectionsRouter = router({
  list: orgProcedure.output(listConnectionsOutput).query(({ ctx }) => listConnections(ctx.deps)),
  start: orgProcedure
    .input(startConnectionInput)
    .output(startConnectionOutput)
    .mutation(({ ctx, input }) => startConnection(ctx.deps, input)),
  // The provider is called to revoke: no request transaction may be held meanwhile.
  disconnect: streamingOrgProcedure
    .input(disconnectInput)
    .output(disconnectOutput)
    .mutation(({ ctx, input }) => disconnectConnection(ctx.deps, input)),
});
