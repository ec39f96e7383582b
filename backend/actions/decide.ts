import { and, eq } from 'drizzle-orm';
import type {
  ActionRequest,
  ActionStatus,
  ActionView,
  BulkApproveOutput,
  DecideActionInput,
  EditActionInput,
} from '../../shared/api/actions.ts';
import type { Principal } from '../auth/principal.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { teachStyleFromEdit } from './edit-feedback.ts';
import { type ActionRow, actions, type StoredPayload } from './schema.ts';
import { auditTransition, enqueueExecution } from './transitions.ts';
import { actionViewOf } from './view.ts';

/** What acts through a user's own Google account (their mailbox, their calendar). */
const throughOwnAccount: Partial<Record<ActionRow['kind'], string>> = {
  'email.send': 'email',
  'calendar.create_event': 'calendar event',
};

/** An email or an event goes out from its user's own account: only they, or an admin, may let it go. */
function refusalFor(principal: Principal, row: ActionRow): string | undefined {
  if (principal.role === 'admin') return undefined;
  const what = throughOwnAccount[row.kind];
  if (what && row.forUserId !== principal.userId)
    return `approving another user’s ${what} needs the admin role`;
  return undefined;
}

async function loadForDecision(deps: OrgDeps, id: string): Promise<ActionRow> {
  const [row] = await deps.db
    .select()
    .from(actions)
    .where(and(eq(actions.orgId, deps.principal.orgId), eq(actions.id, id)));
  if (!row) throw new DomainError('NOT_FOUND', 'no such action');
  const refusal = refusalFor(deps.principal, row);
  if (refusal) throw new DomainError('FORBIDDEN', refusal);
  return row;
}

/**
 * Only a proposed action is decided, by a conditional update: of an approval and a rejection that
 * race, the second finds the status changed and fails, so exactly one of them happens.
 */
async function decide(
  deps: OrgDeps,
  row: ActionRow,
  to: Extract<ActionStatus, 'approved' | 'edited' | 'rejected'>,
  change: { note?: string | undefined; editedPayload?: StoredPayload },
): Promise<ActionRow> {
  const now = deps.clock.now();
  const [decided] = await deps.db
    .update(actions)
    .set({
      status: to,
      decidedBy: deps.principal.userId,
      decidedAt: now,
      decisionNote: change.note ?? null,
      updatedAt: now,
      ...(change.editedPayload ? { editedPayload: change.editedPayload, payload: change.editedPayload } : {}),
      ...(to === 'rejected' ? { finishedAt: now } : {}),
    })
    .where(and(eq(actions.orgId, row.orgId), eq(actions.id, row.id), eq(actions.status, 'proposed')))
    .returning();
  if (!decided)
    throw new DomainError('CONFLICT', `the action was already decided (${await statusOf(deps, row)})`);
  await auditTransition(deps.db, {
    orgId: row.orgId,
    actionId: row.id,
    actorUserId: deps.principal.userId,
    from: 'proposed',
    to,
    detail: change.note ? { note: change.note } : {},
  });
  if (to !== 'rejected') await enqueueExecution(deps.db, decided);
  return decided;
}

async function statusOf(deps: OrgDeps, row: ActionRow): Promise<string> {
  const [now] = await deps.db
    .select({ status: actions.status })
    .from(actions)
    .where(and(eq(actions.orgId, row.orgId), eq(actions.id, row.id)));
  return now?.status ?? 'gone';
}

export async function approveAction(deps: OrgDeps, input: DecideActionInput): Promise<ActionView> {
  const row = await loadForDecision(deps, input.id);
  return actionViewOf(await decide(deps, row, 'approved', { note: input.note }));
}

export async function rejectAction(deps: OrgDeps, input: DecideActionInput): Promise<ActionView> {
  const row = await loadForDecision(deps, input.id);
  return actionViewOf(await decide(deps, row, 'rejected', { note: input.note }));
}

/**
 * Approves the action as changed: both payloads are kept, and the change teaches the feature that
 * proposed it (an email that began as the sender's CSCX draft feeds their style profile).
 */
export async function editAction(deps: OrgDeps, input: EditActionInput): Promise<ActionView> {
  const row = await loadForDecision(deps, input.id);
  if (input.kind !== row.kind)
    throw new DomainError('BAD_REQUEST', `an edit keeps the kind (${row.kind}), not ${input.kind}`);
  const edited = { kind: input.kind, payload: input.payload } as ActionRequest;
  const decided = await decide(deps, row, 'edited', { note: input.note, editedPayload: edited.payload });
  await teachStyleFromEdit(deps, decided, edited);
  return actionViewOf(decided);
}

/** Low-risk actions only: anything riskier is looked at one by one. */
export async function bulkApproveActions(
  deps: OrgDeps,
  input: { ids: string[] },
): Promise<BulkApproveOutput> {
  const approved: string[] = [];
  const skipped: BulkApproveOutput['skipped'] = [];
  for (const id of new Set(input.ids)) {
    const [row] = await deps.db
      .select()
      .from(actions)
      .where(and(eq(actions.orgId, deps.principal.orgId), eq(actions.id, id)));
    const reason = !row
      ? 'no such action'
      : row.risk !== 'low'
        ? `risk ${row.risk}: approve it on its own`
        : row.status !== 'proposed'
          ? `already ${row.status}`
          : refusalFor(deps.principal, row);
    if (reason || !row) {
      skipped.push({ id, reason: reason ?? 'no such action' });
      continue;
    }
    await decide(deps, row, 'approved', {});
    approved.push(id);
  }
  return { approved, skipped };
}
