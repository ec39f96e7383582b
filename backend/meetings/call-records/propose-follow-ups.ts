import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { proposeCallTasksInput, proposeFollowUpInput } from '../../../shared/api/call-records.ts';
import { proposeAction } from '../../actions/propose.ts';
import type { OrgDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { findCallRecord } from './edit-call-record.ts';
import { composeFollowUpEmail, dueDayOf } from './follow-up-email.ts';

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

async function recordFor(deps: OrgDeps, id: string) {
  const { record } = await findCallRecord(deps, { id });
  if (!record) throw new DomainError('NOT_FOUND', 'no such call record');
  return record;
}

function proposer(deps: OrgDeps) {
  return { feature: 'meetings', aiRunId: null, rule: null, userId: deps.principal.userId };
}

/**
 * One `task.create` per action item, waiting for a person (the items came from a transcript). The
 * same item proposed again returns its first action; an edited item is a new proposal.
 */
export async function proposeCallTasks(
  deps: OrgDeps,
  input: z.infer<typeof proposeCallTasksInput>,
): Promise<{ actionIds: string[]; skipped: string[] }> {
  const record = await recordFor(deps, input.id);
  const items = record.analysis.actionItems;
  const chosen = input.items ?? items.map((_, index) => index);
  const actionIds: string[] = [];
  const skipped: string[] = [];
  for (const index of chosen) {
    const item = items[index];
    if (!item) {
      skipped.push(`there is no action item ${index + 1}`);
      continue;
    }
    const title = `${item.owner ? `${item.owner}: ` : ''}${item.text}`.slice(0, 500);
    const dueDate = dueDayOf(item.due);
    const action = await proposeAction(
      { db: deps.db, clock: deps.clock },
      {
        kind: 'task.create',
        payload: { title, ...(dueDate ? { dueDate } : {}) },
        orgId: deps.principal.orgId,
        customerId: record.customerId,
        forUserId: deps.principal.userId,
        proposedBy: proposer(deps),
        reason: `Action item from the call "${record.title}" (${record.meetingAt.slice(0, 10)})`,
        untrusted: true,
        idempotencyKey: `call:${record.id}:task:${shortHash(title + (dueDate ?? ''))}`,
      },
    );
    actionIds.push(action.id);
  }
  return { actionIds, skipped };
}

/**
 * The follow-up email to the customer's people on the call (speakers with an address: a contact's,
 * or a Zoom participant's or guest's not yet a contact; never one of the org's own), proposed as
 * `email.send`: it waits in the Inbox for the CSM to approve or edit.
 */
export async function proposeCallFollowUp(
  deps: OrgDeps,
  input: z.infer<typeof proposeFollowUpInput>,
): Promise<{ actionIds: string[]; skipped: string[] }> {
  const record = await recordFor(deps, input.id);
  const attendees = record.speakers.filter((s) => s.email && !s.internal);
  const to = [...new Set(attendees.map((s) => s.email as string))];
  if (to.length === 0)
    return {
      actionIds: [],
      skipped: ['no customer attendee has an address: map the speakers to contacts first'],
    };
  const firstNames = [...new Set(attendees.map((s) => s.name.split(' ')[0] ?? s.name))];
  const email = composeFollowUpEmail(record, firstNames);
  const action = await proposeAction(
    { db: deps.db, clock: deps.clock },
    {
      kind: 'email.send',
      payload: { to, cc: [], subject: email.subject, body: email.body, references: [] },
      orgId: deps.principal.orgId,
      customerId: record.customerId,
      forUserId: deps.principal.userId,
      proposedBy: proposer(deps),
      reason: `Follow-up of the call "${record.title}" (${record.meetingAt.slice(0, 10)}): its decisions and action items`,
      untrusted: true,
      idempotencyKey: `call:${record.id}:follow-up:${shortHash(email.subject + email.body + to.join(','))}`,
    },
  );
  return { actionIds: [action.id], skipped: [] };
}
