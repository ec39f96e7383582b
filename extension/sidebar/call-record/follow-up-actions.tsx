import { useMutation } from '@tanstack/react-query';
import type { CallRecordView } from '../../../shared/api/call-records.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';

function waiting(count: number, what: string): string {
  return `${count} ${what}${count === 1 ? '' : 's'} waiting in the Inbox for approval.`;
}

/**
 * "Create tasks" and "Draft follow-up": both are proposed actions, so nothing happens until
 * someone approves them in the Inbox (they came from a transcript).
 */
export function FollowUpActions({ api, record }: { api: ApiClient; record: CallRecordView }) {
  const tasks = useMutation({ mutationFn: () => api.meetings.proposeCallTasks.mutate({ id: record.id }) });
  const followUp = useMutation({ mutationFn: () => api.meetings.proposeFollowUp.mutate({ id: record.id }) });
  return (
    <section className="card stack" aria-label="Follow up">
      <div className="call-row">
        <button
          type="button"
          disabled={tasks.isPending || record.analysis.actionItems.length === 0}
          onClick={() => tasks.mutate()}
        >
          Create tasks
        </button>
        <button
          type="button"
          className="primary"
          disabled={followUp.isPending}
          onClick={() => followUp.mutate()}
        >
          Draft follow-up
        </button>
      </div>
      {tasks.data && <p role="status">{waiting(tasks.data.actionIds.length, 'task')}</p>}
      {followUp.data && (
        <p role="status">
          {followUp.data.actionIds.length > 0
            ? 'Follow-up email waiting in the Inbox for approval.'
            : followUp.data.skipped.join(' ')}
        </p>
      )}
      {(tasks.error ?? followUp.error) && (
        <p role="alert" className="error">
          {errorMessage(tasks.error ?? followUp.error)}
        </p>
      )}
    </section>
  );
}
