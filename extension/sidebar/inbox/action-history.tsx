import { useInfiniteQuery } from '@tanstack/react-query';
import type { ListActionsInput, ListedAction } from '../../../shared/api/actions.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { PanelSkeleton } from '../layout/skeleton.tsx';
import { ActionCard, type ActionPeople } from './action-card.tsx';
import { actionsKey } from './inbox-query.ts';

const pageSize = 20;

/** What was decided and what ran, newest first, a page at a time; failures show their error. */
export function ActionHistory({
  api,
  people,
  scope,
}: {
  api: ApiClient;
  people: ActionPeople;
  scope: ListActionsInput['scope'];
}) {
  const history = useInfiniteQuery({
    queryKey: [...actionsKey, 'history', scope],
    queryFn: ({ pageParam }) =>
      api.actions.list.query({
        scope,
        state: 'history',
        limit: pageSize,
        ...(pageParam ? { before: pageParam } : {}),
      }),
    initialPageParam: null as ListActionsInput['before'] | null,
    getNextPageParam: (last: ListedAction[]) => {
      const oldest = last.at(-1);
      return last.length === pageSize && oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null;
    },
  });
  const actions = history.data?.pages.flat() ?? [];
  return (
    <section className="action-group" aria-label="History">
      <h3>History</h3>
      {history.error ? (
        <p role="alert" className="error">
          {errorMessage(history.error)}
        </p>
      ) : !history.data ? (
        <PanelSkeleton label="Loading the history" />
      ) : actions.length === 0 ? (
        <p className="muted small">Nothing decided yet.</p>
      ) : (
        <ul className="action-list">
          {actions.map((action) => (
            <ActionCard key={action.id} api={api} action={action} people={people} refusal={null} />
          ))}
        </ul>
      )}
      {history.hasNextPage && (
        <button
          type="button"
          disabled={history.isFetchingNextPage}
          onClick={() => void history.fetchNextPage()}
        >
          {history.isFetchingNextPage ? 'Loading…' : 'Show older'}
        </button>
      )}
    </section>
  );
}
