import { and, eq } from 'drizzle-orm';
import type { ActionPolicy, ActionView, PolicyView, ProposeActionInput } from '../../shared/api/actions.ts';
import { customers } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { listPolicies, updatePolicy } from './policy.ts';
import { proposeAction } from './propose.ts';

/**
 * A proposal from the sidebar, for the caller's own account. What a client sends is untrusted: it
 * waits for a person whatever the policy says, and its provenance is the caller, not the input.
 */
export async function proposeFromClient(deps: OrgDeps, input: ProposeActionInput): Promise<ActionView> {
  const { principal } = deps;
  const [customer] = await deps.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.orgId, principal.orgId), eq(customers.id, input.customerId)));
  if (!customer) throw new DomainError('NOT_FOUND', 'no such customer');
  return proposeAction(deps, {
    kind: input.kind,
    payload: input.payload,
    orgId: principal.orgId,
    customerId: input.customerId,
    forUserId: principal.userId,
    proposedBy: { feature: 'sidebar', aiRunId: null, rule: null, userId: principal.userId },
    reason: input.reason,
    untrusted: true,
    // A key of the caller's own: another user's key can never name their action.
    ...(input.idempotencyKey
      ? { idempotencyKey: `sidebar:${principal.userId}:${input.idempotencyKey}` }
      : {}),
  } as Parameters<typeof proposeAction>[1]);
}

export function actionPolicies(deps: OrgDeps): Promise<PolicyView> {
  return listPolicies(deps.db, deps.principal.orgId);
}

export function updateActionPolicy(deps: OrgDeps, policy: ActionPolicy): Promise<PolicyView> {
  const { db, principal, clock } = deps;
  return updatePolicy(db, { orgId: principal.orgId, userId: principal.userId, now: clock.now() }, policy);
}
