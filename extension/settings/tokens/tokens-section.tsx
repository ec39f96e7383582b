import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { tokenOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { CreateTokenForm } from './create-token-form.tsx';
import { tokensKey } from './tokens-query.ts';

type Token = z.infer<typeof tokenOutput>;

/** The signed-in user's personal access tokens, for scripts and the CLI; sign-in sessions are not listed. */
export function TokensSection({ api, userId }: { api: ApiClient; userId: string }) {
  const tokens = useQuery({
    queryKey: tokensKey(userId),
    queryFn: async () => (await api.tokens.list.query({ userId })).filter((t) => t.kind === 'pat'),
  });
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      {tokens.error ? (
        <ErrorAlert error={tokens.error} />
      ) : !tokens.data ? (
        <PanelSkeleton label="Loading tokens" />
      ) : tokens.data.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <ul className="rows" aria-label="Personal access tokens">
          {tokens.data.map((token) => (
            <TokenRow key={token.id} api={api} token={token} userId={userId} />
          ))}
        </ul>
      )}
      <CreateTokenForm api={api} userId={userId} />
    </section>
  );
}

function TokenRow({ api, token, userId }: { api: ApiClient; token: Token; userId: string }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api.tokens.revoke.mutate({ id: token.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey(userId) }),
  });
  return (
    <li className="row">
      <span className="row-main">
        <span>{token.name}</span>
        <span className="muted small">
          <code>{token.prefix}…</code> · expires {day(token.expiresAt)} · last used{' '}
          {token.lastUsedAt ? day(token.lastUsedAt) : 'never'}
        </span>
      </span>
      <button
        type="button"
        aria-label={`Revoke ${token.name}`}
        disabled={revoke.isPending}
        onClick={() => revoke.mutate()}
      >
        Revoke
      </button>
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
