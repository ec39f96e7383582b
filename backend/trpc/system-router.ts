import { okOutput } from '../../shared/api/common.ts';
import { orgProcedure } from './procedures.ts';
import { router } from './trpc.ts';

export const systemRouter = router({
  /** Authenticated no-op: the floor the bench sets every other procedure beside. */
  ping: orgProcedure.output(okOutput).query(() => ({ ok: true as const })),
});
