import { z } from 'zod';
import { okOutput } from '../../shared/api/common.ts';
import {
  createIngestTokenInput,
  createIngestTokenOutput,
  ingestTokenOutput,
  listSignalsInput,
  recordSignalsInput,
  recordSignalsOutput,
  revokeIngestTokenInput,
  signalOutput,
} from '../../shared/api/signals.ts';
import { adminProcedure, csmProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { createIngestToken, listIngestTokens, revokeIngestToken } from './ingest-tokens.ts';
import { listSignals, recordSignalsFromApi } from './service.ts';

export const signalsRouter = router({
  record: csmProcedure
    .input(recordSignalsInput)
    .output(recordSignalsOutput)
    .mutation(({ ctx, input }) => recordSignalsFromApi(ctx.deps, input)),
  list: orgProcedure
    .input(listSignalsInput)
    .output(z.array(signalOutput))
    .query(({ ctx, input }) => listSignals(ctx.deps, input)),
});

export const ingestTokensRouter = router({
  list: adminProcedure.output(z.array(ingestTokenOutput)).query(({ ctx }) => listIngestTokens(ctx.deps)),
  create: adminProcedure
    .input(createIngestTokenInput)
    .output(createIngestTokenOutput)
    .mutation(({ ctx, input }) => createIngestToken(ctx.deps, input)),
  revoke: adminProcedure
    .input(revokeIngestTokenInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => revokeIngestToken(ctx.deps, input)),
});
