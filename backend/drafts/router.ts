import { draftStream, generateDraftInput } from '../../shared/api/drafts.ts';
import { recordSentInput, recordSentOutput, styleProfileOutput } from '../../shared/api/style.ts';
import { csmProcedure, orgProcedure, streamingCsmProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { generateDraft } from './service.ts';
import { recordSent, resetStyleProfile, styleProfileOf } from './style/service.ts';

const neverAborted = new AbortController().signal;

export const draftsRouter = router({
  /**
   * A streamed POST (`httpBatchStreamLink`): the bearer token stays in a header, where an
   * EventSource could not put it, and aborting the call closes the request, which stops the model.
   */
  generate: streamingCsmProcedure
    .input(generateDraftInput)
    .output(draftStream)
    .mutation(({ ctx, input, signal }) => generateDraft(ctx.deps, input, signal ?? neverAborted)),
  /** A message that began as the caller's draft was sent: the edit is recorded and their style learned. */
  recordSent: csmProcedure
    .input(recordSentInput)
    .output(recordSentOutput)
    .mutation(({ ctx, input }) => recordSent(ctx.deps, input)),
  /** The caller's own style profile; every role has one to see (a viewer's stays empty). */
  styleProfile: orgProcedure.output(styleProfileOutput).query(({ ctx }) => styleProfileOf(ctx.deps)),
  resetStyleProfile: orgProcedure
    .output(styleProfileOutput)
    .mutation(({ ctx }) => resetStyleProfile(ctx.deps)),
});
