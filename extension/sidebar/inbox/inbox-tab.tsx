import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { notifyApprovalsChanged } from '../../lib/approval-badge.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import { BackendUnreachable } from '../connection/backend-unreachable.tsx';
import { Notice } from '../layout/notice.tsx';
import { PanelSkeleton } from '../layout/skeleton.tsx';
import { ActionHistory } from './action-history.tsx';
import { InboxAlerts } from './inbox-alerts.tsx';
import { actionsKey } from './inbox-query.ts';
import { PendingActions } from './pending-actions.tsx';
import { refreshActionLists } from './use-action-decision.ts';
import { useActionPeople } from './use-action-people.ts';

const pendingPollMs = 60_000;

interface InboxTabProps {
  api: ApiClient;
  me: UserOutput;
  backendUrl: string;
  onUnauthorized: () => void;
}

/**
 * The approval queue: what waits for me (proposed for me or by me) and what waits on my customers,
 * then my customers' open health alerts, then the history of what ran. Needs no host page.
 */
export function InboxTab({ api, me, backendUrl, onUnauthorized }: InboxTabProps) {
  const people = useActionPeople(api, me);
  const queryClient = useQueryClient();
  // The panel stays mounted once opened: new proposals arrive by this poll (as the badge's), or Refresh.
  const mine = useQuery({
    queryKey: [...actionsKey, 'pending', 'mine'],
    queryFn: () => api.actions.list.query({ scope: 'mine', state: 'pending' }),
    refetchInterval: pendingPollMs,
  });
  const onCustomers = useQuery({
    queryKey: [...actionsKey, 'pending', 'customers'],
    queryFn: () => api.actions.list.query({ scope: 'customers', state: 'pending' }),
    refetchInterval: pendingPollMs,
  });
  const error = mine.error ?? onCustomers.error;
  const failure = error ? classifyApiError(error) : null;
  useEffect(() => {
    if (failure === 'unauthorized') onUnauthorized();
  }, [failure, onUnauthorized]);

  if (failure === 'unreachable')
    return (
      <BackendUnreachable
        backendUrl={backendUrl}
        onRetry={() => void Promise.all([mine.refetch(), onCustomers.refetch()])}
      />
    );
  if (error)
    return (
      <Notice title="Something went wrong" tone="warning">
        <p>{errorMessage(error)}</p>
      </Notice>
    );
  if (!mine.data || !onCustomers.data) return <PanelSkeleton label="Loading the Inbox" />;
  const forMe = new Set(mine.data.map((a) => a.id));
  const nothingWaits = mine.data.length === 0 && onCustomers.data.length === 0;
  return (
    <div className="stack inbox">
      <div className="inbox-bar">
        <button
          type="button"
          className="link"
          disabled={mine.isFetching || onCustomers.isFetching}
          onClick={() => {
            // The icon's badge counts again too: what the user now sees and the badge agree.
            notifyApprovalsChanged();
            void refreshActionLists(queryClient);
          }}
        >
          {mine.isFetching || onCustomers.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {nothingWaits ? (
        <Notice title="Nothing waits for you" tone="calm">
          <p className="muted">What CSCX proposes — emails, events, posts, updates — waits here for you.</p>
        </Notice>
      ) : (
        <PendingActions
          api={api}
          me={me}
          people={people}
          groups={[
            { title: 'For me', empty: 'Nothing proposed for you.', actions: mine.data },
            {
              title: 'On my customers',
              empty: 'Nothing else waits on your customers.',
              // An action for me on my own customer is listed once, under "For me".
              actions: onCustomers.data.filter((a) => !forMe.has(a.id)),
            },
          ]}
        />
      )}
      <InboxAlerts api={api} me={me} />
      <ActionHistory api={api} people={people} scope="mine" />
    </div>
  );
}
