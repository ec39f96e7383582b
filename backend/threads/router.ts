import { analyzeThreadInput, analyzeThreadOutput } from '../../shared/api/threads.ts';
import { streamingOrgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { analyzeThread } from './service.ts';

export const threadsRouter = router({
  /** A model call: on the streaming base, so no transaction is held while it runs. */
  analyze: streamingOrgProcedure
    .input(analyzeThreadInput)
    .output(analyzeThreadOutput)
    .mutation(({ ctx, input, signal }) => analyzeThread(ctx.deps, input, signal)),
});
