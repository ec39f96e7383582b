import type { ActionRequest, RiskLevel } from '../../shared/api/actions.ts';

/**
 * Set on the server from what the action does, never taken from its proposer. A message to more
 * than one person, or with copies, reaches further than a one-to-one reply.
 */
export function riskOf(action: ActionRequest): RiskLevel {
  switch (action.kind) {
    case 'email.send':
      return action.payload.to.length + action.payload.cc.length > 1 ? 'high' : 'medium';
    case 'task.create':
      return 'low';
    case 'customer.update_field':
      // Who owns a customer and where it stands move reports and alerts; a renewal date is a fact.
      return action.payload.field === 'renewalDate' ? 'low' : 'medium';
  }
}

const order: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

export function riskAtMost(risk: RiskLevel, ceiling: RiskLevel): boolean {
  return order[risk] <= order[ceiling];
}
