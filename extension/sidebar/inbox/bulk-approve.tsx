import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BulkApproveOutput } from '../../../shared/api/actions.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { notifyApprovalsChanged } from '../../lib/approval-badge.ts';
import { errorMessage } from '../connection/api-error.ts';
import { refreshActionLists } from './use-action-decision.ts';

interface BulkApproveProps {
  api: ApiClient;
  selected: ReadonlySet<string>;
  onDone(): void;
}

/** One button for the ticked low-risk proposals; what the server left alone is said, with why. */
export function BulkApprove({ api, selected, onDone }: BulkApproveProps) {
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: (): Promise<BulkApproveOutput> => api.actions.bulkApprove.mutate({ ids: [...selected] }),
    onSuccess: () => onDone(),
    onSettled: () => {
      notifyApprovalsChanged();
      return refreshActionLists(queryClient);
    },
  });
  const skipped = approve.data?.skipped ?? [];
  return (
    <div className="bulk-approve">
      <button
        type="button"
        className="primary"
        disabled={selected.size === 0 || approve.isPending}
        onClick={() => approve.mutate()}
      >
        {approve.isPending
          ? 'Approving…'
          : `Approve ${selected.size} selected low-risk action${selected.size === 1 ? '' : 's'}`}
      </button>
      {approve.data && (
        <p role="status" className="small">
          Approved {approve.data.approved.length}.
          {skipped.length > 0 && ` Left alone ${skipped.length}: ${skipped.map((s) => s.reason).join('; ')}.`}
        </p>
      )}
      {approve.error && (
        <p role="alert" className="error">
          {errorMessage(approve.error)}
        </p>
      )}
    </div>
  );
}
