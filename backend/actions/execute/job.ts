import type { OrgRunner } from '../../db/tenancy.ts';
import type { AppDeps } from '../../deps.ts';
import type { JobContext, JobHandler } from '../../jobs/handlers.ts';
import { executionAttempts } from '../transitions.ts';
import { executorOf } from './executors.ts';
import { describeError, isPermanent, PermanentFailure, retryOf } from './failures.ts';
import { applyInside } from './internal.ts';
import { failRun, finishRun, lockRunnable, startRun } from './run-state.ts';

/**
 * Runs one approved action (the `actions.execute` queue). CSCX's own changes commit with their
 * bookkeeping in one transaction; an outbound action (email, event, Slack post) is marked executing,
 * carried out with no transaction open, then recorded done. A failure is retried by the queue
 * (backoff with jitter, at least the vendor's Retry-After) until the attempts are used up, then the
 * action is dead with the error kept; a refusal no retry can mend is dead at once, and so is an
 * action whose worker died on every attempt (the job's spare run records it, once it has asked the
 * vendor whether one of those runs got through).
 */
export const executeActionJob: JobHandler = async (deps, job) => {
  const org = job.org;
  if (!org) throw new Error('actions.execute runs in an org');
  const actionId = String(job.payload.actionId);
  if (job.attempt > executionAttempts) return settleAbandoned(deps, org, actionId);
  try {
    const ranInside = await org.inOrg(async (tx) => {
      const locked = await lockRunnable(tx, org.orgId, actionId);
      if (!locked) return true;
      const executor = executorOf(locked.action.kind);
      if (!executor) throw new PermanentFailure(`CSCX has no way to run a ${locked.action.kind} action`);
      if (executor.where === 'outside') return false;
      const outcome = await applyInside(tx, locked.action, deps.clock.now());
      const started = { ...locked.action, attempts: locked.action.attempts + 1 };
      await finishRun(tx, started, { ...outcome, attempt: started.attempts }, deps.clock.now());
      return true;
    });
    if (!ranInside) await runOutside(deps, org, actionId);
  } catch (error) {
    // A dead action keeps its error; the queue retries the others with its backoff.
    if (!(await recordFailure(deps, org, job, actionId, error))) throw retryOf(error);
  }
};

async function runOutside(deps: AppDeps, org: OrgRunner, actionId: string): Promise<void> {
  const started = await org.inOrg((tx) => startRun(tx, org.orgId, actionId, deps.clock.now()));
  if (!started) return;
  const executor = executorOf(started.action.kind);
  if (executor?.where !== 'outside') throw new Error(`${started.action.kind} does not run outside`);
  const outcome = await executor.executor.run({ ...deps, ...org }, started);
  await org.inOrg((tx) => finishRun(tx, started.action, outcome, deps.clock.now()));
}

/**
 * Every run's worker died, each perhaps after its call reached the vendor: the vendor is asked for
 * what such a run left (the email by its Message-ID, the event by its id, the post by its
 * metadata). Found, the action is done, since the customer has it; otherwise it is dead.
 */
async function settleAbandoned(deps: AppDeps, org: OrgRunner, actionId: string): Promise<void> {
  const stopped = `its worker stopped before it finished, ${executionAttempts} times`;
  const locked = await org.inOrg((tx) => lockRunnable(tx, org.orgId, actionId));
  if (!locked) return;
  const executor = executorOf(locked.action.kind);
  let error = stopped;
  if (executor?.where === 'outside') {
    try {
      const run = { action: locked.action, senderEmail: locked.senderEmail, retry: true };
      const earlier = await executor.executor.findEarlier({ ...deps, ...org }, run);
      if (earlier) {
        await org.inOrg((tx) => finishRun(tx, locked.action, earlier, deps.clock.now()));
        return;
      }
    } catch (lookup) {
      error = `${stopped}, and whether one got through could not be checked: ${describeError(lookup)}`;
    }
  }
  await org.inOrg((tx) =>
    failRun(tx, { orgId: org.orgId, actionId, error, dead: true, now: deps.clock.now() }),
  );
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
