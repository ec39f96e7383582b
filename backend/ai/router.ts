import { z } from 'zod';
import { aiSettingsOutput, aiUsageOutput, updateAiSettingsInput } from '../../shared/api/ai.ts';
import { adminProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { getAiSettings, updateAiSettings } from './settings/service.ts';
import { getAiUsage } from './usage.ts';

export const aiRouter = router({
  settings: adminProcedure.output(aiSettingsOutput).query(({ ctx }) => getAiSettings(ctx.deps)),
  updateSettings: adminProcedure
    .input(updateAiSettingsInput)
    .output(aiSettingsOutput)
    .mutation(({ ctx, input }) => updateAiSettings(ctx.deps, input)),
  usage: adminProcedure
    .input(z.object({ days: z.number().int().min(1).max(90).default(30) }).default({ days: 30 }))
    .output(aiUsageOutput)
    .query(({ ctx, input }) => getAiUsage(ctx.deps, input)),
});
