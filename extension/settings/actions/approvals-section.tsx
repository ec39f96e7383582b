import '../../sidebar/inbox/inbox.css';
import './approvals.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ListActionsInput } from '../../../shared/api/actions.ts';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ActionHistory } from '../../sidebar/inbox/action-history.tsx';
import { actionsKey } from '../../sidebar/inbox/inbox-query.ts';
import { PendingActions } from '../../sidebar/inbox/pending-actions.tsx';
import { useActionPeople } from '../../sidebar/inbox/use-action-people.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { PolicyEditor } from './policy-editor.tsx';

type Scope = ListActionsInput['scope'];

const scopeWords: Record<Scope, string> = {
  mine: 'For me',
  customers: 'On my customers',
  all: 'Everyone’s',
};

/**
 * The approval queue on the settings page: the same cards and the same mutations as the sidebar's
 * Inbox (so a decision here and there gives the same result), an admin's view of the whole org, and
 * the admin's policy editor.
 */
export function ApprovalsSection({ api, me }: { api: ApiClient; me: UserOutput }) {
  const scopes: Scope[] = me.role === 'admin' ? ['mine', 'customers', 'all'] : ['mine', 'customers'];
  const [scope, setScope] = useState<Scope>('mine');
  const people = useActionPeople(api, me);
  const pending = useQuery({
    queryKey: [...actionsKey, 'pending', scope],
    queryFn: () => api.actions.list.query({ scope, state: 'pending', limit: 200 }),
  });
  return (
    <>
      <section className="card stack" aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">Approvals</h2>
        <fieldset className="status-choice approvals-scope">
          <legend className="muted small">Show</legend>
          {scopes.map((s) => (
            <label key={s}>
              <input type="radio" name="approvals-scope" checked={scope === s} onChange={() => setScope(s)} />
              {scopeWords[s]}
            </label>
          ))}
        </fieldset>
        {pending.error ? (
          <ErrorAlert error={pending.error} />
        ) : !pending.data ? (
          <PanelSkeleton label="Loading the approvals" />
        ) : (
          <PendingActions
            api={api}
            me={me}
            people={people}
            groups={[{ title: 'Waiting for a decision', empty: 'Nothing waits.', actions: pending.data }]}
          />
        )}
        <ActionHistory api={api} people={people} scope={scope} />
      </section>
      {me.role === 'admin' && <PolicyEditor api={api} />}
    </>
  );
}
