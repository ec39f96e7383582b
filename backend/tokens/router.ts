import { z } from 'zod';
import {
  createTokenInput,
  createTokenOutput,
  listTokensInput,
  revokeTokenInput,
  tokenOutput,
} from '../../shared/api/auth.ts';
import { okOutput } from '../../shared/api/common.ts';
import { csmProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { createPersonalToken, listTokens, revokeToken } from './service.ts';

export const tokensRouter = router({
  create: csmProcedure
    .input(createTokenInput)
    .output(createTokenOutput)
    .mutation(({ ctx, input }) => createPersonalToken(ctx.deps, input)),
  list: csmProcedure
    .input(listTokensInput)
    .output(z.array(tokenOutput))
    .query(({ ctx, input }) => listTokens(ctx.deps, input)),
  revoke: csmProcedure
    .input(revokeTokenInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => revokeToken(ctx.deps, input)),
});
