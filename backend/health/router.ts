import {
  acknowledgeAlertInput,
  healthAlert,
  healthAlertsInput,
  healthAlertsOutput,
  healthBookInput,
  healthBookOutput,
  healthForCustomerInput,
  healthForCustomerOutput,
  healthForThreadsInput,
  healthForThreadsOutput,
  healthModel,
  healthModelInput,
  healthRecomputeOutput,
  outcomeOutput,
  recordOutcomeInput,
} from '../../shared/api/health.ts';
import {
  adoptCalibrationInput,
  adoptCalibrationOutput,
  calibrateOutput,
  latestCalibrationOutput,
} from '../../shared/api/health-calibration.ts';
import { adminProcedure, csmProcedure, orgProcedure } from '../trpc/procedures.ts';
import { router } from '../trpc/trpc.ts';
import { acknowledgeAlert, listAlerts } from './alerts.ts';
import { healthBook } from './book.ts';
import { adoptLatestCalibration, latestCalibration, requestCalibration } from './calibration/service.ts';
import { customerHealth } from './customer-health.ts';
import {
  currentHealthModel,
  healthModelVersions,
  recomputeOrgHealth,
  recordCustomerOutcome,
  updateHealthModel,
} from './service.ts';
import { threadsHealth } from './thread-health.ts';

export const healthRouter = router({
  forCustomer: orgProcedure
    .input(healthForCustomerInput)
    .output(healthForCustomerOutput)
    .query(({ ctx, input }) => customerHealth(ctx.deps, input)),
  forThreads: orgProcedure
    .input(healthForThreadsInput)
    .output(healthForThreadsOutput)
    .query(({ ctx, input }) => threadsHealth(ctx.deps, input)),
  book: orgProcedure
    .input(healthBookInput)
    .output(healthBookOutput)
    .query(({ ctx, input }) => healthBook(ctx.deps, input)),
  model: orgProcedure.output(healthModel).query(({ ctx }) => currentHealthModel(ctx.deps)),
  updateModel: adminProcedure
    .input(healthModelInput)
    .output(healthModel)
    .mutation(({ ctx, input }) => updateHealthModel(ctx.deps, input)),
  versions: orgProcedure.output(healthModel.array()).query(({ ctx }) => healthModelVersions(ctx.deps)),
  alerts: orgProcedure
    .input(healthAlertsInput)
    .output(healthAlertsOutput)
    .query(async ({ ctx, input }) => ({ items: await listAlerts(ctx.deps, input) })),
  acknowledgeAlert: csmProcedure
    .input(acknowledgeAlertInput)
    .output(healthAlert)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.deps, input)),
  recompute: adminProcedure.output(healthRecomputeOutput).mutation(({ ctx }) => recomputeOrgHealth(ctx.deps)),
  recordOutcome: csmProcedure
    .input(recordOutcomeInput)
    .output(outcomeOutput)
    .mutation(({ ctx, input }) => recordCustomerOutcome(ctx.deps, input)),
  calibrate: adminProcedure.output(calibrateOutput).mutation(({ ctx }) => requestCalibration(ctx.deps)),
  calibration: orgProcedure.output(latestCalibrationOutput).query(({ ctx }) => latestCalibration(ctx.deps)),
  adoptCalibration: adminProcedure
    .input(adoptCalibrationInput)
    .output(adoptCalibrationOutput)
    .mutation(({ ctx, input }) => adoptLatestCalibration(ctx.deps, input)),
});
