import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { IngestTokenOutput } from '../../../shared/api/signals.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { ingestTokensKey } from './ingest-query.ts';

/** One ingest token: what tells it apart, when it was last used, and a revoke that asks first. */
export function IngestTokenRow({ api, token }: { api: ApiClient; token: IngestTokenOutput }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const revoke = useMutation({
    mutationFn: () => api.ingestTokens.revoke.mutate({ id: token.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ingestTokensKey }),
    onSettled: () => setConfirming(false),
  });
  return (
    <li className="row">
      <span className="row-main">
        <span>{token.name}</span>
        <span className="muted small">
          <code>{token.prefix}…</code> · created {day(token.createdAt)} · last used{' '}
          {token.lastUsedAt ? day(token.lastUsedAt) : 'never'}
          {token.revokedAt ? ` · revoked ${day(token.revokedAt)}` : ''}
        </span>
      </span>
      {token.revokedAt ? null : confirming ? (
        <span className="row-detail confirm">
          <span>Revoke '{token.name}'? Its next request is refused.</span>
          <span className="row-actions">
            <button
              type="button"
              className="danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {revoke.isPending ? 'Revoking…' : 'Revoke'}
            </button>
            <button type="button" ref={cancel} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        </span>
      ) : (
        <button
          type="button"
          aria-label={`Revoke ${token.name}`}
          onClick={() => {
            revoke.reset();
            setConfirming(true);
          }}
        >
          Revoke
        </button>
      )}
      {revoke.isError && (
        <div className="row-error">
          <ErrorAlert error={revoke.error} />
        </div>
      )}
    </li>
  );
}

function day(iso: string): string {
  return new Date(iso).toLocaleDateString();
}
