import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { OneTimeSecret } from '../one-time-secret.tsx';
import { allTokensKey } from './tokens-query.ts';

const lifetimes = [30, 90, 365] as const;

/** The token itself comes back once, from `tokens.create`; only its hash is kept on the server. */
export function CreateTokenForm({ api }: { api: ApiClient }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [expiresInDays, setExpiresInDays] = useState<number>(90);
  const create = useMutation({
    mutationFn: () => api.tokens.create.mutate({ name, expiresInDays }),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: allTokensKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Create a token" className="subsection">
      <h3>Create a token</h3>
      <div className="fields">
        <span>
          <label htmlFor={`${ids}-name`}>Token name</label>
          <input
            id={`${ids}-name`}
            required
            maxLength={100}
            placeholder="e.g. CRM import script"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </span>
        <span>
          <label htmlFor={`${ids}-days`}>Expires after</label>
          <select
            id={`${ids}-days`}
            value={expiresInDays}
            onChange={(e) => setExpiresInDays(Number(e.target.value))}
          >
            {lifetimes.map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </select>
        </span>
      </div>
      {create.isError && <ErrorAlert error={create.error} />}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
      {create.data && (
        <OneTimeSecret
          label={`New token “${create.data.info.name}”`}
          value={create.data.token}
          note="Copy it now: it is not shown again. Send it as `Authorization: Bearer <token>`."
          onDone={() => create.reset()}
        />
      )}
    </form>
  );
}
