import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MemberOutput, UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { membersKey } from '../members/members-query.ts';
import { CreateTokenForm } from './create-token-form.tsx';
import { memberLabel, type TokenOwner, TokenOwnerPicker } from './token-owner-picker.tsx';
import { TokenRow } from './token-row.tsx';
import { everyonesTokensKey, tokensKey } from './tokens-query.ts';

/**
 * Personal access tokens, for scripts and the CLI; sign-in sessions are not listed. Everyone sees and
 * makes their own; an admin can also list a member's, or the whole org's, and revoke them.
 */
export function TokensSection({ api, me }: { api: ApiClient; me: UserOutput }) {
  const isAdmin = me.role === 'admin';
  const [owner, setOwner] = useState<TokenOwner>(me.id);
  const members = useQuery({
    queryKey: membersKey,
    queryFn: () => api.users.list.query(),
    enabled: isAdmin,
  });
  const tokens = useQuery({
    queryKey: owner === 'everyone' ? everyonesTokensKey : tokensKey(owner),
    queryFn: async () =>
      (await api.tokens.list.query(owner === 'everyone' ? {} : { userId: owner })).filter(
        (t) => t.kind === 'pat',
      ),
  });
  const memberOf = new Map((members.data ?? []).map((m) => [m.id, m]));
  const ownerName = (userId: string) => {
    const member = memberOf.get(userId);
    return userId === me.id ? 'You' : member ? memberLabel(member) : 'A removed member';
  };
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      {isAdmin && members.data && (
        <TokenOwnerPicker me={me} members={members.data} owner={owner} onChange={setOwner} />
      )}
      {members.error && <ErrorAlert error={members.error} />}
      {tokens.error ? (
        <ErrorAlert error={tokens.error} />
      ) : !tokens.data ? (
        <PanelSkeleton label="Loading tokens" />
      ) : tokens.data.length === 0 ? (
        <p className="muted">{noTokens(owner, me, memberOf)}</p>
      ) : (
        <ul className="rows" aria-label="Personal access tokens">
          {tokens.data.map((token) => (
            <TokenRow
              key={token.id}
              api={api}
              token={token}
              {...(owner === 'everyone' ? { owner: ownerName(token.userId) } : {})}
            />
          ))}
        </ul>
      )}
      {owner === me.id ? (
        <CreateTokenForm api={api} />
      ) : (
        <p className="muted small">
          Each member creates their own tokens. Revoking one here stops it at once.
        </p>
      )}
    </section>
  );
}

function noTokens(owner: TokenOwner, me: UserOutput, memberOf: Map<string, MemberOutput>): string {
  if (owner === me.id) return 'No tokens yet.';
  if (owner === 'everyone') return 'No one in the org has a token.';
  const member = memberOf.get(owner);
  return `${member ? memberLabel(member) : 'This member'} has no tokens.`;
}
