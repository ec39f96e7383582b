import { and, eq, inArray } from 'drizzle-orm';
import type { ActionStatus } from '../../../shared/api/actions.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { type ActionRow, actions, type StoredPayload } from '../schema.ts';
import { auditTransition } from '../transitions.ts';

/** Decided to run and not finished: a run picks these up (`executing`: an earlier run died midway). */
const runnable: ActionStatus[] = ['approved', 'edited', 'failed', 'executing'];

export interface StartedRun {
  action: ActionRow;
  /** An earlier run began: it may have reached the outside service before it died. */
  retry: boolean;
  senderEmail: string;
}

/** Locks the action for this transaction; undefined when there is nothing to run (done, rejected, dead). */
export async function lockRunnable(tx: Db, orgId: string, actionId: string) {
  const [row] = await tx
    .select({ action: actions, senderEmail: users.email })
    .from(actions)
    .innerJoin(users, and(eq(users.orgId, actions.orgId), eq(users.id, actions.forUserId)))
    .where(and(eq(actions.orgId, orgId), eq(actions.id, actionId), inArray(actions.status, runnable)))
    .for('update', { of: actions });
  return row;
}

/** Marks the action executing and counts the attempt, in a short transaction before the outside call. */
export async function startRun(
  tx: Db,
  orgId: string,
  actionId: string,
  now: Date,
): Promise<StartedRun | undefined> {
  const locked = await lockRunnable(tx, orgId, actionId);
  if (!locked) return undefined;
  const { action } = locked;
  const [started] = await tx
    .update(actions)
    .set({ status: 'executing', attempts: action.attempts + 1, updatedAt: now })
    .where(and(eq(actions.orgId, orgId), eq(actions.id, actionId)))
    .returning();
  if (!started) return undefined;
  await auditTransition(tx, {
    orgId,
    actionId,
    actorUserId: null,
    from: action.status,
    to: 'executing',
    detail: { attempt: started.attempts },
  });
  return { action: started, retry: action.attempts > 0, senderEmail: locked.senderEmail };
}

export async function finishRun(tx: Db, action: ActionRow, outcome: StoredPayload, now: Date): Promise<void> {
  await tx
    .update(actions)
    .set({
      status: 'done',
      outcome,
      attempts: action.attempts,
      lastError: null,
      finishedAt: now,
      updatedAt: now,
    })
    .where(and(eq(actions.orgId, action.orgId), eq(actions.id, action.id)));
  await auditTransition(tx, {
    orgId: action.orgId,
    actionId: action.id,
    actorUserId: null,
    from: action.status,
    to: 'done',
    detail: { outcome },
  });
}

/** `dead`: no more runs; the error is kept and shown. `failed`: the queue tries again. */
export async function failRun(
  tx: Db,
  failure: { orgId: string; actionId: string; error: string; dead: boolean; now: Date },
): Promise<void> {
  const to: ActionStatus = failure.dead ? 'dead' : 'failed';
  const [failed] = await tx
    .update(actions)
    .set({
      status: to,
      lastError: failure.error,
      updatedAt: failure.now,
      ...(failure.dead ? { finishedAt: failure.now } : {}),
    })
    .where(
      and(
        eq(actions.orgId, failure.orgId),
        eq(actions.id, failure.actionId),
        inArray(actions.status, runnable),
      ),
    )
    .returning({ id: actions.id });
  if (failed)
    await auditTransition(tx, {
      orgId: failure.orgId,
      actionId: failure.actionId,
      actorUserId: null,
      from: 'executing',
      to,
      detail: { error: failure.error },
    });
}
