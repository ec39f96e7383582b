import type { OrgRunner } from '../../db/tenancy.ts';
import type { AppDeps } from '../../deps.ts';
import type { JobContext, JobHandler } from '../../jobs/handlers.ts';
import { executionAttempts } from '../transitions.ts';
import { sendEmail } from './email-send.ts';
import { describeError, isPermanent } from './failures.ts';
import { applyInside } from './internal.ts';
import { failRun, finishRun, lockRunnable, startRun } from './run-state.ts';

/**
 * Runs one approved action (the `actions.execute` queue). CSCX's own changes commit with their
 * bookkeeping in one transaction; an email is marked executing, sent with no transaction open, then
 * recorded done. A failure is retried by the queue (backoff with jitter) until the attempts are
 * used up, then the action is dead with the error kept; a refusal no retry can mend is dead at once,
 * and so is an action whose worker died on every attempt (the job's spare run records it).
 */
export const executeActionJob: JobHandler = async (deps, job) => {
  const org = job.org;
  if (!org) throw new Error('actions.execute runs in an org');
  const actionId = String(job.payload.actionId);
  if (job.attempt > executionAttempts) {
    const error = `its worker stopped before it finished, ${executionAttempts} times`;
    await org.inOrg((tx) =>
      failRun(tx, { orgId: org.orgId, actionId, error, dead: true, now: deps.clock.now() }),
    );
    return;
  }
  try {
    const ranInside = await org.inOrg(async (tx) => {
      const locked = await lockRunnable(tx, org.orgId, actionId);
      if (!locked) return true;
      const outcome = applyInside(tx, locked.action, deps.clock.now());
      if (!outcome) return false;
      const started = { ...locked.action, attempts: locked.action.attempts + 1 };
      await finishRun(tx, started, { ...(await outcome), attempt: started.attempts }, deps.clock.now());
      return true;
    });
    if (!ranInside) await runOutside(deps, org, actionId);
  } catch (error) {
    // A dead action keeps its error; the queue retries the others with its backoff.
    if (!(await recordFailure(deps, org, job, actionId, error))) throw error;
  }
};

async function runOutside(deps: AppDeps, org: OrgRunner, actionId: string): Promise<void> {
  const started = await org.inOrg((tx) => startRun(tx, org.orgId, actionId, deps.clock.now()));
  if (!started) return;
  const outcome = await sendEmail({ ...deps, ...org }, started.action, started);
  await org.inOrg((tx) => finishRun(tx, started.action, outcome, deps.clock.now()));
}

async function recordFailure(
  deps: AppDeps,
  org: OrgRunner,
  job: JobContext,
  actionId: string,
  error: unknown,
): Promise<boolean> {
  const dead = isPermanent(error) || job.attempt >= executionAttempts;
  const message = describeError(error);
  deps.log.warn({ actionId, attempt: job.attempt, dead, error: message }, 'action: the run failed');
  await org.inOrg((tx) =>
    failRun(tx, { orgId: org.orgId, actionId, error: message, dead, now: deps.clock.now() }),
  );
  return dead;
}
