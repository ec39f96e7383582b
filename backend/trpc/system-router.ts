import { z } from 'zod';
import { orgProcedure } from './procedures.ts';
import { router } from './trpc.ts';

export const systemRouter = router({
  /** Authenticated no-op: the floor the bench sets every other procedure beside. */
  ping: orgProcedure.output(z.object({ ok: z.literal(true) })).query(() => ({ ok: true as const })),
});
