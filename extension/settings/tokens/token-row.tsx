import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { tokenOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { allTokensKey } from './tokens-query.ts';

export type Token = z.infer<typeof tokenOutput>;

/** One personal access token: what tells it apart, and a revoke that says what it breaks first. */
export function TokenRow({ api, token, owner }: { api: ApiClient; token: Token; owner?: string }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  // The Revoke button goes as the question comes: focus moves to its safe answer.
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const revoke = useMutation({
    mutationFn: () => api.tokens.revoke.mutate({ id: token.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: allTokensKey }),
    onSettled: () => setConfirming(false),
  });
  return (
    <li className="row">
      <span className="row-main">
        <span>{token.name}</span>
        <span className="muted small">
          {owner ? `${owner} · ` : ''}
          <code>{token.prefix}…</code> · expires {day(token.expiresAt)} · last used{' '}
          {token.lastUsedAt ? day(token.lastUsedAt) : 'never'}
        </span>
      </span>
      {confirming ? (
        <span className="row-detail confirm">
          <span>Revoke '{token.name}'? Scripts using it stop working.</span>
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
