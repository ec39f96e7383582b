import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ActionRequest, ActionView } from '../../../shared/api/actions.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { notifyApprovalsChanged } from '../../lib/approval-badge.ts';
import { actionsKey, waitingCountKey } from './inbox-query.ts';

export type Decision =
  | { verdict: 'approve'; note?: string }
  | { verdict: 'reject'; note?: string }
  | { verdict: 'edit'; request: ActionRequest; note?: string };

/**
 * Approve, edit or reject one action through the same mutations wherever it is shown (the sidebar's
 * Inbox, the settings page), so both give the same result. Afterwards every list refetches and the
 * icon's badge counts again.
 */
export function useActionDecision(api: ApiClient, action: Pick<ActionView, 'id'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision): Promise<ActionView> => {
      const note = decision.note ? { note: decision.note } : {};
      if (decision.verdict === 'approve') return api.actions.approve.mutate({ id: action.id, ...note });
      if (decision.verdict === 'reject') return api.actions.reject.mutate({ id: action.id, ...note });
      return api.actions.edit.mutate({ id: action.id, ...decision.request, ...note });
    },
    onSettled: () => {
      notifyApprovalsChanged();
      return refreshActionLists(queryClient);
    },
  });
}

export function refreshActionLists(queryClient: ReturnType<typeof useQueryClient>): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: actionsKey }),
    queryClient.invalidateQueries({ queryKey: waitingCountKey }),
  ]);
}
