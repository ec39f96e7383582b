import type { ActionRequest } from '../../shared/api/actions.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { recordSent } from '../drafts/style/service.ts';
import type { ActionRow } from './schema.ts';

/**
 * An edited email that began as a CSCX draft is the sender's own writing beside the draft: the
 * drafting code learns their style from it. Only the sender's own edit teaches their profile (an
 * admin's changes are not how the sender writes); a draft that is not theirs teaches nothing.
 */
export async function teachStyleFromEdit(
  deps: OrgDeps,
  action: ActionRow,
  edited: ActionRequest,
): Promise<void> {
  if (edited.kind !== 'email.send') return;
  const draftId = (action.originalPayload as { draftId?: string }).draftId;
  if (!draftId || action.forUserId !== deps.principal.userId) return;
  try {
    await recordSent(deps, { draftId, sentText: edited.payload.body });
  } catch (error) {
    // Not found, or nothing but quoted mail: the approval stands without the lesson.
    if (!(error instanceof DomainError)) throw error;
    deps.log.info({ actionId: action.id, reason: error.message }, 'action edit: no style feedback');
  }
}
