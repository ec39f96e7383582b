import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { CreateIngestTokenForm } from './create-ingest-token-form.tsx';
import { ingestTokensKey } from './ingest-query.ts';
import { IngestTokenRow } from './ingest-token-row.tsx';

/** The path the backend serves it at (backend/signals/ingest-route.ts). */
const ingestPath = '/ingest/v1/events';

/**
 * Tokens outside systems (a product-analytics export, a billing system) post health signals with, to
 * `POST /ingest/v1/events`. Admins only: a token writes into the whole org's data.
 */
export function IngestSection({ api, backendUrl }: { api: ApiClient; backendUrl: string | null }) {
  const tokens = useQuery({ queryKey: ingestTokensKey, queryFn: () => api.ingestTokens.list.query() });
  const endpoint = `${(backendUrl ?? window.location.origin).replace(/\/$/, '')}${ingestPath}`;
  return (
    <section className="card" aria-labelledby="ingest-heading">
      <h2 id="ingest-heading">Signal ingest</h2>
      <p className="muted small">
        Outside systems send usage, survey, stakeholder, billing and ticket events to <code>{endpoint}</code>{' '}
        with one of these tokens. Events are taken once per <code>eventId</code>: sending again changes
        nothing.
      </p>
      <figure>
        <figcaption className="small">Example request</figcaption>
        <pre className="small">{curlExample(endpoint)}</pre>
      </figure>
      {tokens.error ? (
        <ErrorAlert error={tokens.error} />
      ) : !tokens.data ? (
        <PanelSkeleton label="Loading ingest tokens" />
      ) : tokens.data.length === 0 ? (
        <p className="muted">No ingest tokens yet.</p>
      ) : (
        <ul className="rows" aria-label="Ingest tokens">
          {tokens.data.map((token) => (
            <IngestTokenRow key={token.id} api={api} token={token} />
          ))}
        </ul>
      )}
      <CreateIngestTokenForm api={api} />
    </section>
  );
}

function curlExample(endpoint: string): string {
  const body = {
    events: [
      {
        eventId: 'usage-acme-2026-w45',
        externalId: 'acme-42',
        kind: 'usage.active_users',
        period: 'week',
        observedAt: '2026-11-02',
        value: 37,
      },
    ],
  };
  return [
    `curl -X POST ${endpoint} \\`,
    `  -H 'Authorization: Bearer cscx_ing_…' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(body)}'`,
  ].join('\n');
}
