import { and, eq } from 'drizzle-orm';
import {
  type ActionKind,
  type ActionPolicy,
  type ActionStatus,
  actionKinds,
  outboundKinds,
  type PolicyView,
  type RiskLevel,
} from '../../shared/api/actions.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { riskAtMost } from './risk.ts';
import { actionPolicies } from './schema.ts';

/** Every outbound kind asks; CSCX's own data may change alone when the change is low risk. */
export function defaultPolicy(kind: ActionKind): ActionPolicy {
  return outboundKinds.includes(kind) ? { kind, mode: 'ask' } : { kind, mode: 'auto', upToRisk: 'low' };
}

export async function policyFor(tx: Db, orgId: string, kind: ActionKind): Promise<ActionPolicy> {
  const [row] = await tx
    .select()
    .from(actionPolicies)
    .where(and(eq(actionPolicies.orgId, orgId), eq(actionPolicies.kind, kind)));
  return row ? policyOfRow(row) : defaultPolicy(kind);
}

function policyOfRow(row: typeof actionPolicies.$inferSelect): ActionPolicy {
  if (row.mode === 'auto') return { kind: row.kind, mode: 'auto', upToRisk: row.upToRisk ?? 'low' };
  return { kind: row.kind, mode: row.mode };
}

function describePolicy(policy: ActionPolicy): string {
  if (policy.mode === 'auto') return `policy “run alone up to ${policy.upToRisk} risk” for ${policy.kind}`;
  return `policy “${policy.mode === 'ask' ? 'always ask' : 'never'}” for ${policy.kind}`;
}

export interface PolicyDecision {
  status: Extract<ActionStatus, 'proposed' | 'approved' | 'rejected'>;
  /** Stored on the action and shown with it. */
  text: string;
}

/**
 * What the org's policy makes of a new action. Text from an email, a transcript or a client can
 * never raise its own action's trust: such an action asks even where the policy would run it alone.
 */
export function decideByPolicy(
  policy: ActionPolicy,
  action: { risk: RiskLevel; untrusted: boolean },
): PolicyDecision {
  const named = describePolicy(policy);
  if (policy.mode === 'never') return { status: 'rejected', text: `refused: ${named}` };
  if (policy.mode === 'ask') return { status: 'proposed', text: `asked: ${named}, risk ${action.risk}` };
  if (action.untrusted)
    return {
      status: 'proposed',
      text: `asked: it came from untrusted text, whatever ${named} allows (risk ${action.risk})`,
    };
  if (!riskAtMost(action.risk, policy.upToRisk))
    return { status: 'proposed', text: `asked: risk ${action.risk} is above ${named}` };
  return { status: 'approved', text: `ran alone: ${named}, risk ${action.risk}` };
}

export async function listPolicies(tx: Db, orgId: string): Promise<PolicyView> {
  const rows = await tx.select().from(actionPolicies).where(eq(actionPolicies.orgId, orgId));
  const byKind = new Map(rows.map((row) => [row.kind, policyOfRow(row)]));
  return {
    policies: actionKinds.map((kind) => {
      const stored = byKind.get(kind);
      return stored ? { ...stored, isDefault: false } : { ...defaultPolicy(kind), isDefault: true };
    }),
  };
}

export async function updatePolicy(
  tx: Db,
  who: { orgId: string; userId: string; now: Date },
  policy: ActionPolicy,
): Promise<PolicyView> {
  const values = {
    mode: policy.mode,
    upToRisk: policy.mode === 'auto' ? policy.upToRisk : null,
    updatedBy: who.userId,
    updatedAt: who.now,
  };
  await tx
    .insert(actionPolicies)
    .values({ orgId: who.orgId, kind: policy.kind, ...values })
    .onConflictDoUpdate({ target: [actionPolicies.orgId, actionPolicies.kind], set: values });
  await recordAudit(tx, {
    orgId: who.orgId,
    actorUserId: who.userId,
    action: 'action_policy.update',
    tableName: 'action_policies',
    rowId: policy.kind,
    changes: { ...policy },
  });
  return listPolicies(tx, who.orgId);
}
