import { useState } from 'react';
import type { ListedAction } from '../../../shared/api/actions.ts';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ActionCard, type ActionPeople } from './action-card.tsx';
import { bulkApprovable } from './action-format.ts';
import { BulkApprove } from './bulk-approve.tsx';
import { decisionRefusal } from './use-action-people.ts';

export interface ActionGroup {
  title: string;
  /** Said when the group is empty. */
  empty: string;
  actions: ListedAction[];
}

interface PendingActionsProps {
  api: ApiClient;
  me: UserOutput;
  people: ActionPeople;
  groups: ActionGroup[];
}

/**
 * Proposals waiting for a decision, in groups ("for me", "on my customers"); the low-risk ones that
 * the user may decide can be ticked and approved together.
 */
export function PendingActions({ api, me, people, groups }: PendingActionsProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selectable = groups
    .flatMap((g) => g.actions)
    .filter((a) => bulkApprovable(a) && decisionRefusal(me, a) === null);
  const toggle = (id: string, checked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  // A ticked action decided elsewhere since is not sent again.
  const ticked = new Set([...selected].filter((id) => selectable.some((a) => a.id === id)));
  return (
    <>
      {selectable.length > 0 && (
        <BulkApprove api={api} selected={ticked} onDone={() => setSelected(new Set())} />
      )}
      {groups.map((group) => (
        <section key={group.title} className="action-group" aria-label={group.title}>
          <h3>
            {group.title} <span className="count">{group.actions.length}</span>
          </h3>
          {group.actions.length === 0 ? (
            <p className="muted small">{group.empty}</p>
          ) : (
            <ul className="action-list">
              {group.actions.map((action) => (
                <ActionCard
                  key={action.id}
                  api={api}
                  action={action}
                  people={people}
                  refusal={decisionRefusal(me, action)}
                  {...(selectable.includes(action)
                    ? {
                        selection: {
                          checked: ticked.has(action.id),
                          onChange: (checked: boolean) => toggle(action.id, checked),
                        },
                      }
                    : {})}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
