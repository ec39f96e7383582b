import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/api/connections.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { CalendarSyncLine } from './calendar-sync-status.tsx';
import { connectionsKey } from './connections-query.ts';
import { scopeLabel } from './scope-labels.ts';

/** One connection's health: working or not (and why), what it may do, and a disconnect that revokes. */
export function ConnectionRow({ api, connection }: { api: ApiClient; connection: ConnectionView }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const disconnect = useMutation({
    mutationFn: () => api.connections.disconnect.mutate({ id: connection.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionsKey }),
    onSettled: () => setConfirming(false),
  });
  return (
    <li className="row" aria-label={connection.account}>
      <span className="row-main">
        <span>{connection.account}</span>
        <span className="muted small">
          {connection.owner === 'org' ? 'For the whole org' : 'Yours'} · connected{' '}
          {day(connection.connectedAt)} by {connection.connectedBy}
          {connection.expiresAt
            ? ` · token renewed automatically (next by ${time(connection.expiresAt)})`
            : ''}
        </span>
        <Health connection={connection} />
        {connection.provider === 'google' && connection.owner === 'user' && connection.canDisconnect && (
          <CalendarSyncLine api={api} />
        )}
        <ul className="muted small" aria-label={`What CSCX may do with ${connection.account}`}>
          {connection.scopes.map((scope) => (
            <li key={scope}>{scopeLabel(scope)}</li>
          ))}
        </ul>
      </span>
      {connection.canDisconnect &&
        (confirming ? (
          <span className="row-detail confirm">
            <span>
              Disconnect {connection.account}? CSCX can no longer act through it until it is connected again.
            </span>
            <span className="row-actions">
              <button
                type="button"
                className="danger"
                disabled={disconnect.isPending}
                onClick={() => disconnect.mutate()}
              >
                {disconnect.isPending ? 'Disconnecting…' : 'Disconnect'}
              </button>
              <button type="button" ref={cancel} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          </span>
        ) : (
          <button
            type="button"
            aria-label={`Disconnect ${connection.account}`}
            onClick={() => {
              disconnect.reset();
              setConfirming(true);
            }}
          >
            Disconnect
          </button>
        ))}
      {disconnect.isError && (
        <div className="row-error">
          <ErrorAlert error={disconnect.error} />
        </div>
      )}
    </li>
  );
}

/** The later of the last success and the last error says how the connection is doing now. */
function Health({ connection }: { connection: ConnectionView }) {
  const { lastSuccessAt, lastErrorAt, lastError } = connection;
  const failing = lastErrorAt !== null && (lastSuccessAt === null || lastErrorAt > lastSuccessAt);
  if (failing) {
    return (
      <span className="small error" role="status">
        Failing since {time(lastErrorAt)}: {lastError}
      </span>
    );
  }
  return (
    <span className="small" role="status">
      {lastSuccessAt ? `Working · last used ${time(lastSuccessAt)}` : 'Connected · not used yet'}
    </span>
  );
}

function day(iso: string): string {
  return new Date(iso).toLocaleDateString();
}

function time(iso: string): string {
  return new Date(iso).toLocaleString();
}
