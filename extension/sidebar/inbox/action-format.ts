import type {
  ActionKind,
  ActionStatus,
  ActionView,
  CustomerUpdateFieldPayload,
  ProposedBy,
  RiskLevel,
} from '../../../shared/api/actions.ts';
import { formatDate, labelOf } from '../customer/account-format.ts';

/** Shared by the sidebar's Inbox and the settings page's Approvals: one wording for both. */
export const kindWords: Record<ActionKind, string> = {
  'email.send': 'Send an email',
  'calendar.create_event': 'Create a calendar event',
  'slack.post': 'Post to Slack',
  'task.create': 'Create a task',
  'customer.update_field': 'Update a customer field',
};

/** A customer field a proposal changes, as the account reads it. */
export const fieldWords: Record<CustomerUpdateFieldPayload['field'], string> = {
  stage: 'Stage',
  segment: 'Segment',
  renewalDate: 'Renewal date',
  ownerId: 'Owner',
};

/** The value a field change sets: a stage's words, a day, the owner's name, or what clearing it means. */
export function fieldValueWords(
  change: CustomerUpdateFieldPayload,
  people: { nameOf(id: string): string },
): string {
  switch (change.field) {
    case 'stage':
    case 'segment':
      return labelOf(change.value);
    case 'renewalDate':
      return change.value === null ? 'No renewal date' : formatDate(change.value);
    case 'ownerId':
      return change.value === null ? 'No owner' : people.nameOf(change.value);
  }
}

export const riskWords: Record<RiskLevel, string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
};

export const statusWords: Record<ActionStatus, string> = {
  proposed: 'Waiting for a decision',
  approved: 'Approved, queued',
  edited: 'Edited and approved, queued',
  rejected: 'Rejected',
  executing: 'Running',
  failed: 'Failed, will retry',
  done: 'Done',
  dead: 'Failed for good',
};

/** Statuses whose error a CSM must see: the queue gave up, or is about to try again. */
export const troubledStatuses: readonly ActionStatus[] = ['failed', 'dead'];

const featureWords: Record<string, string> = {
  sidebar: 'the sidebar',
  drafts: 'Drafting',
  meetings: 'Meeting notes',
  health: 'Health scoring',
  automations: 'an automation',
};

/** "You, from the sidebar", "Meeting notes (AI)", "rule renewal-reminder". */
export function proposerWords(by: ProposedBy, names: { meId: string; nameOf(id: string): string }): string {
  const feature = featureWords[by.feature] ?? by.feature;
  const who = by.userId ? (by.userId === names.meId ? 'You' : names.nameOf(by.userId)) : null;
  const parts = [
    who ? `${who}, from ${feature}` : feature.charAt(0).toUpperCase() + feature.slice(1),
    by.aiRunId ? 'with AI' : null,
    by.rule ? `rule “${by.rule}”` : null,
  ].filter(Boolean);
  return parts.join(' · ');
}

/** A moment in the user's own time zone (their profile's, not the machine's). */
export function momentIn(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "10:00–10:30" on one day, or both moments in full when the event spans days. */
export function spanIn(startIso: string, endIso: string, timeZone: string): string {
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { timeZone });
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
  if (day(startIso) === day(endIso)) return `${momentIn(startIso, timeZone)}–${time(endIso)}`;
  return `${momentIn(startIso, timeZone)} – ${momentIn(endIso, timeZone)}`;
}

/** What became of a finished or running action, in one line. */
export function outcomeLine(action: ActionView): string {
  const status = statusWords[action.status];
  if (action.status === 'rejected')
    return action.decisionNote ? `${status}: “${action.decisionNote}”` : status;
  if (troubledStatuses.includes(action.status)) {
    const tries = `after ${action.attempts} attempt${action.attempts === 1 ? '' : 's'}`;
    return `${status} ${tries}${action.lastError ? `: ${action.lastError}` : ''}`;
  }
  return status;
}

/** Bulk approval takes only low-risk proposals, as the server holds. */
export function bulkApprovable(action: ActionView): boolean {
  return action.status === 'proposed' && action.risk === 'low';
}
