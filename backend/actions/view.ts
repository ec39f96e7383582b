import type { ActionView } from '../../shared/api/actions.ts';
import type { ActionRow } from './schema.ts';

export function actionViewOf(row: ActionRow): ActionView {
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    originalPayload: row.originalPayload,
    editedPayload: row.editedPayload,
    customerId: row.customerId,
    forUserId: row.forUserId,
    proposedBy: row.proposedBy,
    untrusted: row.untrusted,
    reason: row.reason,
    risk: row.risk,
    status: row.status,
    policyDecision: row.policyDecision,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    attempts: row.attempts,
    lastError: row.lastError,
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
