import { useId, useState } from 'react';
import type { ListedAction } from '../../../shared/api/actions.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { ActionEditForm } from './action-edit-form.tsx';
import {
  kindWords,
  momentIn,
  outcomeLine,
  proposerWords,
  riskWords,
  troubledStatuses,
} from './action-format.ts';
import { ActionPreview, type PreviewPeople } from './action-preview.tsx';
import { useActionDecision } from './use-action-decision.ts';

export interface ActionPeople extends PreviewPeople {
  meId: string;
  /** Whom a customer can be given to: the org's members, by name. */
  members: readonly { id: string; name: string }[];
}

interface ActionCardProps {
  api: ApiClient;
  action: ListedAction;
  people: ActionPeople;
  /** Why the server would refuse a decision (a viewer; another user's email), or null: they may decide. */
  refusal: string | null;
  /** For bulk approval: present on the low-risk proposals only. */
  selection?: { checked: boolean; onChange(checked: boolean): void };
}

/**
 * One action: what it does and for whom, why, how risky, who proposed it and what the policy made
 * of it, then its preview and — while it waits — approve, edit or reject with a note.
 */
export function ActionCard({ api, action, people, refusal, selection }: ActionCardProps) {
  const title = `${kindWords[action.kind]}${action.customerName ? ` · ${action.customerName}` : ''}`;
  const headingId = useId();
  return (
    <li className={`card action-card status-${action.status}`} aria-labelledby={headingId}>
      <div className="action-head">
        {selection && (
          <input
            type="checkbox"
            className="action-select"
            aria-label={`Select for bulk approval: ${title}`}
            checked={selection.checked}
            onChange={(event) => selection.onChange(event.target.checked)}
          />
        )}
        <h4 id={headingId}>{title}</h4>
        <span className={`risk risk-${action.risk}`}>{riskWords[action.risk]}</span>
      </div>
      <p className="action-reason">{action.reason}</p>
      <p className="muted small">
        {proposerWords(action.proposedBy, people)} · {momentIn(action.createdAt, people.timeZone)}
        {action.untrusted && ' · from untrusted text'}
      </p>
      <p className="muted small policy-line">{action.policyDecision}</p>
      {action.status === 'proposed' ? (
        <Pending api={api} action={action} people={people} refusal={refusal} />
      ) : (
        <Outcome action={action} people={people} />
      )}
    </li>
  );
}

function Pending({ api, action, people, refusal }: Omit<ActionCardProps, 'selection'>) {
  const canDecide = refusal === null;
  const decision = useActionDecision(api, action);
  const [mode, setMode] = useState<'view' | 'edit' | 'reject'>('view');
  const [note, setNote] = useState('');
  const noteId = useId();
  if (mode === 'edit')
    return (
      <>
        <ActionEditForm
          action={action}
          context={people}
          pending={decision.isPending}
          onCancel={() => setMode('view')}
          onSave={(request, editNote) =>
            decision.mutate({ verdict: 'edit', request, ...(editNote ? { note: editNote } : {}) })
          }
        />
        <DecisionError error={decision.error} />
      </>
    );
  return (
    <>
      <ActionPreview action={action} people={people} />
      {canDecide && mode === 'view' && (
        <div className="action-buttons">
          <button
            type="button"
            className="primary"
            disabled={decision.isPending}
            onClick={() => decision.mutate({ verdict: 'approve' })}
          >
            {decision.isPending ? 'Approving…' : 'Approve'}
          </button>
          <button type="button" disabled={decision.isPending} onClick={() => setMode('edit')}>
            Edit
          </button>
          <button type="button" disabled={decision.isPending} onClick={() => setMode('reject')}>
            Reject
          </button>
        </div>
      )}
      {canDecide && mode === 'reject' && (
        <form
          className="action-reject"
          aria-label="Reject with a note"
          onSubmit={(event) => {
            event.preventDefault();
            decision.mutate({ verdict: 'reject', ...(note.trim() ? { note: note.trim() } : {}) });
          }}
        >
          <label htmlFor={noteId}>Why not (optional, kept with the action)</label>
          <input id={noteId} value={note} onChange={(event) => setNote(event.target.value)} />
          <div className="action-buttons">
            <button type="submit" className="danger" disabled={decision.isPending}>
              {decision.isPending ? 'Rejecting…' : 'Reject'}
            </button>
            <button type="button" disabled={decision.isPending} onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {refusal && <p className="muted small">{refusal}</p>}
      <DecisionError error={decision.error} />
    </>
  );
}

function DecisionError({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {errorMessage(error)}
    </p>
  );
}

function Outcome({ action, people }: { action: ListedAction; people: ActionPeople }) {
  const troubled = troubledStatuses.includes(action.status);
  const decided = action.decidedBy
    ? `Decided by ${action.decidedBy === people.meId ? 'you' : people.nameOf(action.decidedBy)}`
    : action.decidedAt
      ? 'Decided by the policy'
      : null;
  return (
    <>
      <p className={troubled ? 'error outcome' : 'outcome'} role={troubled ? 'alert' : undefined}>
        {outcomeLine(action)}
      </p>
      {decided && (
        <p className="muted small">
          {decided}
          {action.decidedAt && ` · ${momentIn(action.decidedAt, people.timeZone)}`}
          {action.editedPayload && ' · edited before approving'}
        </p>
      )}
      <details>
        <summary>What {action.status === 'done' ? 'ran' : 'would have run'}</summary>
        <ActionPreview action={action} people={people} />
      </details>
    </>
  );
}
