import { and, eq } from 'drizzle-orm';
import { customerUpdateFieldPayload, taskCreatePayload } from '../../../shared/api/actions.ts';
import type { Db } from '../../db/client.ts';
import { customers, tasks } from '../../db/schema.ts';
import type { ActionRow, StoredPayload } from '../schema.ts';
import { PermanentFailure } from './failures.ts';

/** Tasks an action made carry this source and the action's id: a second run finds the first's task. */
const taskSource = 'cscx-action';

async function createTask(tx: Db, action: ActionRow): Promise<StoredPayload> {
  const payload = taskCreatePayload.parse(action.payload);
  const [made] = await tx
    .insert(tasks)
    .values({
      orgId: action.orgId,
      customerId: action.customerId,
      title: payload.title,
      dueDate: payload.dueDate ?? null,
      assigneeId: payload.assigneeId ?? action.forUserId,
      source: taskSource,
      externalId: action.id,
    })
    .onConflictDoNothing()
    .returning({ id: tasks.id });
  if (made) return { taskId: made.id };
  const [earlier] = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.orgId, action.orgId), eq(tasks.source, taskSource), eq(tasks.externalId, action.id)));
  return { taskId: earlier?.id ?? null, alreadyMade: true };
}

async function updateCustomerField(tx: Db, action: ActionRow, now: Date): Promise<StoredPayload> {
  const change = customerUpdateFieldPayload.parse(action.payload);
  if (!action.customerId) throw new PermanentFailure('the action names no customer');
  const [updated] = await tx
    .update(customers)
    .set({ [change.field]: change.value, updatedAt: now })
    .where(and(eq(customers.orgId, action.orgId), eq(customers.id, action.customerId)))
    .returning({ id: customers.id });
  if (!updated) throw new PermanentFailure('the customer no longer exists');
  return { customerId: updated.id, field: change.field, value: change.value };
}

/**
 * Kinds that change CSCX's own data run inside the transaction that records them done: the
 * change and its bookkeeping commit together, so a re-run after a crash finds it done.
 */
export function applyInside(tx: Db, action: ActionRow, now: Date): Promise<StoredPayload> {
  if (action.kind === 'task.create') return createTask(tx, action);
  if (action.kind === 'customer.update_field') return updateCustomerField(tx, action, now);
  throw new PermanentFailure(`${action.kind} does not change CSCX's own data`);
}
