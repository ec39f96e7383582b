import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { CreateTokenForm } from './create-token-form.tsx';
import { TokenRow } from './token-row.tsx';
import { tokensKey } from './tokens-query.ts';

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
            <TokenRow key={token.id} api={api} token={token} />
          ))}
        </ul>
      )}
      <CreateTokenForm api={api} />
    </section>
  );
}
