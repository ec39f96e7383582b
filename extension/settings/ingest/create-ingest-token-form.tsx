import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { OneTimeSecret } from '../one-time-secret.tsx';
import { ingestTokensKey } from './ingest-query.ts';

/** The token comes back once, from `ingestTokens.create`; only its sha256 is kept on the server. */
export function CreateIngestTokenForm({ api }: { api: ApiClient }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.ingestTokens.create.mutate({ name }),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ingestTokensKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Create an ingest token" className="subsection">
      <h3>Create an ingest token</h3>
      <div className="fields">
        <span>
          <label htmlFor={id}>Token name</label>
          <input
            id={id}
            required
            maxLength={100}
            placeholder="e.g. Product analytics export"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </span>
      </div>
      {create.isError && <ErrorAlert error={create.error} />}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create ingest token'}
      </button>
      {create.data && (
        <OneTimeSecret
          label={`New ingest token “${create.data.info.name}”`}
          value={create.data.token}
          note="Copy it now: it is not shown again. The sending system puts it in `Authorization: Bearer <token>`."
          onDone={() => create.reset()}
        />
      )}
    </form>
  );
}
