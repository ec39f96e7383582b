import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConnectionProvider, ListConnectionsOutput } from '../../../shared/api/connections.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { ConnectionRow } from './connection-row.tsx';
import { connectionsKey } from './connections-query.ts';

/**
 * The outside accounts CSCX acts through, with their health. Connecting opens the provider's consent
 * screen in a window of its own; when this page has focus again the list is read again.
 */
export function ConnectionsSection({ api }: { api: ApiClient }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: connectionsKey, queryFn: () => api.connections.list.query() });
  useEffect(() => {
    const reread = () => void queryClient.invalidateQueries({ queryKey: connectionsKey });
    window.addEventListener('focus', reread);
    return () => window.removeEventListener('focus', reread);
  }, [queryClient]);
  return (
    <section className="card" aria-labelledby="connections-heading">
      <h2 id="connections-heading">Connections</h2>
      <p className="muted small">
        CSCX sends mail, creates events and posts to Slack only through these, and only what a person
        approved.
      </p>
      {list.error ? (
        <ErrorAlert error={list.error} />
      ) : !list.data ? (
        <PanelSkeleton label="Loading connections" />
      ) : (
        list.data.providers.map((provider) => (
          <ProviderConnections key={provider.provider} api={api} provider={provider} list={list.data} />
        ))
      )}
    </section>
  );
}

type ProviderView = ListConnectionsOutput['providers'][number];

function ProviderConnections({
  api,
  provider,
  list,
}: {
  api: ApiClient;
  provider: ProviderView;
  list: ListConnectionsOutput;
}) {
  const connections = list.connections.filter((c) => c.provider === provider.provider);
  const headingId = `connections-${provider.provider}`;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>{provider.label}</h3>
      <p className="muted small">
        {provider.owner === 'org' ? 'One for the whole org.' : 'Each member connects their own.'}
      </p>
      {connections.length > 0 && (
        <ul className="rows" aria-label={`${provider.label} connections`}>
          {connections.map((connection) => (
            <ConnectionRow key={connection.id} api={api} connection={connection} />
          ))}
        </ul>
      )}
      <ConnectButton api={api} provider={provider} connected={connections.length > 0} />
    </section>
  );
}

function ConnectButton({
  api,
  provider,
  connected,
}: {
  api: ApiClient;
  provider: ProviderView;
  connected: boolean;
}) {
  const start = useMutation({
    mutationFn: (name: ConnectionProvider) => api.connections.start.mutate({ provider: name }),
    onSuccess: ({ authorizationUrl }) => {
      window.open(authorizationUrl, 'cscx-connect', 'popup,width=520,height=720');
    },
  });
  if (!provider.configured) {
    return (
      <p className="muted small">
        Not set up on this server: an admin sets its client id and secret (see the README).
      </p>
    );
  }
  if (!provider.canConnect) {
    return connected ? null : <p className="muted small">An admin connects it for the org.</p>;
  }
  return (
    <>
      <button type="button" disabled={start.isPending} onClick={() => start.mutate(provider.provider)}>
        {connected ? `Connect ${provider.label} again` : `Connect ${provider.label}`}
      </button>
      {start.isError && <ErrorAlert error={start.error} />}
    </>
  );
}
