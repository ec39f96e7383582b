import type { ActionRequest, RiskLevel } from '../../shared/api/actions.ts';

/** An invitation to more people than this is a meeting to announce, not one to set up. */
const largeMeeting = 5;

/**
 * Set on the server from what the action does, never taken from its proposer. A message to more
 * than one person, or with copies, reaches further than a one-to-one reply; an event invites its
 * attendees by email; a Slack post is read by colleagues only, but by a whole channel.
 */
export function riskOf(action: ActionRequest): RiskLevel {
  switch (action.kind) {
    case 'email.send':
      return action.payload.to.length + action.payload.cc.length > 1 ? 'high' : 'medium';
    case 'calendar.create_event': {
      const invited = action.payload.attendees.length;
      return invited === 0 ? 'low' : invited > largeMeeting ? 'high' : 'medium';
    }
    case 'slack.post':
      return 'medium';
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
