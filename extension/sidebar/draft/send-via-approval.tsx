import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ActionView } from '../../../shared/api/actions.ts';
import type { GmailThreadContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';

interface SendViaApprovalProps {
  api: ApiClient;
  customerId: string;
  thread: GmailThreadContext;
  text: string;
  draftId: string;
}

/** The latest sender in the thread who is not the CSM: whom a reply goes to. */
export function replyRecipient(thread: GmailThreadContext, myEmail: string): string | null {
  const mine = myEmail.trim().toLowerCase();
  const senders = thread.messages.map((m) => m.from?.trim().toLowerCase() ?? '').filter(Boolean);
  return senders.reverse().find((from) => from !== mine) ?? null;
}

export function replySubject(subject: string): string {
  const trimmed = subject.trim() || '(no subject)';
  return /^re:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/**
 * Proposes the finished draft as an `email.send` in this thread: nothing is sent until it is
 * approved (here, or in the Inbox), and then from the CSM's own Google connection.
 */
export function SendViaApproval({ api, customerId, thread, text, draftId }: SendViaApprovalProps) {
  const sendAtId = useId();
  const [sendAt, setSendAt] = useState('');
  const propose = useMutation({
    mutationFn: async (): Promise<ActionView> => {
      const { user } = await api.auth.me.query();
      const to = replyRecipient(thread, user.email);
      if (!to) throw new Error('No one in this thread to reply to but you.');
      return api.actions.propose.mutate({
        kind: 'email.send',
        customerId,
        reason: `Reply drafted with CSCX to “${thread.subject}”`,
        idempotencyKey: `draft:${draftId}`,
        payload: {
          to: [to],
          cc: [],
          references: [],
          subject: replySubject(thread.subject),
          body: text,
          draftId,
          // The page's own zone: what the CSM typed is their local time.
          ...(sendAt ? { sendAt: new Date(sendAt).toISOString() } : {}),
          ...(thread.threadId ? { threadId: thread.threadId } : {}),
        },
      });
    },
  });
  const decide = useMutation({
    mutationFn: (verdict: 'approve' | 'reject') =>
      verdict === 'approve'
        ? api.actions.approve.mutate({ id: propose.data?.id ?? '' })
        : api.actions.reject.mutate({ id: propose.data?.id ?? '', note: 'cancelled from the Draft tab' }),
  });
  const action = decide.data ?? propose.data;
  const failure = propose.error ?? decide.error;

  return (
    <section className="card send-via-approval" aria-label="Send via approval">
      {!action && (
        <div className="draft-actions">
          <label htmlFor={sendAtId}>Send at (optional)</label>
          <input
            id={sendAtId}
            type="datetime-local"
            value={sendAt}
            onChange={(event) => setSendAt(event.target.value)}
          />
          <button type="button" onClick={() => propose.mutate()} disabled={propose.isPending}>
            {sendAt ? 'Schedule send via approval' : 'Send via approval'}
          </button>
        </div>
      )}
      {action && <p role="status">{statusLine(action)}</p>}
      {action?.status === 'proposed' && (
        <div className="draft-actions">
          <button
            type="button"
            className="primary"
            onClick={() => decide.mutate('approve')}
            disabled={decide.isPending}
          >
            Approve and send
          </button>
          <button type="button" onClick={() => decide.mutate('reject')} disabled={decide.isPending}>
            Cancel
          </button>
        </div>
      )}
      {failure && (
        <p role="alert" className="error">
          {errorMessage(failure)}
        </p>
      )}
    </section>
  );
}

function statusLine(action: ActionView): string {
  const to = (action.payload as { to?: string[] }).to?.join(', ') ?? '';
  switch (action.status) {
    case 'proposed':
      return `Waiting for approval: to ${to}.`;
    case 'approved':
    case 'edited':
    case 'executing': {
      const sendAt = (action.payload as { sendAt?: string }).sendAt;
      return sendAt
        ? `Approved: sends to ${to} from your Gmail at ${new Date(sendAt).toLocaleString()}.`
        : `Approved: sending to ${to} from your Gmail.`;
    }
    case 'rejected':
      return 'Cancelled: nothing was sent.';
    default:
      return `Email to ${to}: ${action.status}.`;
  }
}
