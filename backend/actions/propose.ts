import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { ActionRequest, ActionView, ProposedBy } from '../../shared/api/actions.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { decideByPolicy, policyFor } from './policy.ts';
import { riskOf } from './risk.ts';
import { actions } from './schema.ts';
import { auditTransition, enqueueExecution } from './transitions.ts';
import { actionViewOf } from './view.ts';

/** A request's transaction, or a job's `inOrg`: the action commits with what proposed it. */
export interface ProposeDeps {
  db: Db;
  clock: Clock;
}

export type ProposeAction = ActionRequest & {
  orgId: string;
  customerId: string | null;
  /** Whose account it acts through (an email is sent from their Google connection). */
  forUserId: string;
  /** Set by the server code that proposes, never from a client's input. */
  proposedBy: ProposedBy;
  reason: string;
  /** Its payload came from an email, a transcript or a client: a person decides. */
  untrusted: boolean;
  /** Proposing again with the same key returns the first action, unchanged. */
  idempotencyKey?: string;
};

/**
 * The one way a feature hands over a side effect. Risk comes from what the action does and the
 * policy decides whether it waits for a person, runs alone (queued now) or is refused.
 */
export async function proposeAction(deps: ProposeDeps, input: ProposeAction): Promise<ActionView> {
  const { db, clock } = deps;
  const request = { kind: input.kind, payload: input.payload } as ActionRequest;
  const risk = riskOf(request);
  const policy = await policyFor(db, input.orgId, input.kind);
  const decision = decideByPolicy(policy, { risk, untrusted: input.untrusted });
  const now = clock.now();
  const decided = decision.status !== 'proposed';
  const [row] = await db
    .insert(actions)
    .values({
      orgId: input.orgId,
      kind: input.kind,
      payload: input.payload,
      originalPayload: input.payload,
      customerId: input.customerId,
      forUserId: input.forUserId,
      proposedBy: input.proposedBy,
      untrusted: input.untrusted,
      reason: input.reason,
      risk,
      status: decision.status,
      policyDecision: decision.text,
      idempotencyKey: input.idempotencyKey ?? randomUUID(),
      ...(decided ? { decidedAt: now } : {}),
      ...(decision.status === 'rejected' ? { finishedAt: now } : {}),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [actions.orgId, actions.idempotencyKey] })
    .returning();
  if (!row) return actionViewOf(await byIdempotencyKey(db, input.orgId, input.idempotencyKey ?? ''));
  await auditTransition(db, {
    orgId: row.orgId,
    actionId: row.id,
    actorUserId: input.proposedBy.userId,
    from: null,
    to: 'proposed',
    detail: { kind: row.kind, risk, proposedBy: input.proposedBy },
  });
  if (decided)
    await auditTransition(db, {
      orgId: row.orgId,
      actionId: row.id,
      actorUserId: null,
      from: 'proposed',
      to: decision.status,
      detail: { policy: decision.text },
    });
  if (decision.status === 'approved') await enqueueExecution(db, row);
  return actionViewOf(row);
}

async function byIdempotencyKey(db: Db, orgId: string, key: string) {
  const [row] = await db
    .select()
    .from(actions)
    .where(and(eq(actions.orgId, orgId), eq(actions.idempotencyKey, key)));
  if (!row) throw new Error('an action with this idempotency key vanished');
  return row;
}
