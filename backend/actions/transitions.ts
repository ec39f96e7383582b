import type { ActionStatus } from '../../shared/api/actions.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { enqueueJob } from '../jobs/queue.ts';

/** The queue every approved action is run from (backend/jobs/registry.ts). */
export const executeActionQueue = 'actions.execute';

/** Runs of one action before it is dead; the queue's backoff and jitter space them. */
export const executionAttempts = 5;

/** Every change of an action's status is in the audit log, with who made it (null: the system). */
export function auditTransition(
  tx: Db,
  entry: {
    orgId: string;
    actionId: string;
    actorUserId: string | null;
    from: ActionStatus | null;
    to: ActionStatus;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  return recordAudit(tx, {
    orgId: entry.orgId,
    actorUserId: entry.actorUserId,
    action: `action.${entry.to}`,
    tableName: 'actions',
    rowId: entry.actionId,
    changes: { from: entry.from, to: entry.to, ...entry.detail },
  });
}

/**
 * In the transaction that approved it, so the job commits with the approval. One job per action
 * (a singleton key): approving twice cannot queue two runs. A scheduled send waits in the queue
 * until its time.
 */
export async function enqueueExecution(
  tx: Db,
  action: { orgId: string; id: string; payload: Record<string, unknown> },
): Promise<void> {
  const { sendAt } = action.payload;
  await enqueueJob(tx, {
    ...(typeof sendAt === 'string' ? { runAt: new Date(sendAt) } : {}),
    queue: executeActionQueue,
    orgId: action.orgId,
    payload: { actionId: action.id },
    singletonKey: `action:${action.id}`,
    // One run to spare: when a worker died on every attempt, that run records the action dead.
    maxAttempts: executionAttempts + 1,
  });
}
