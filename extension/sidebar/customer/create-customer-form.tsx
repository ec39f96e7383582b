import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { nameFromDomain } from './account-format.ts';

/** "Not a customer yet": one step to create the account from the participants' domain. */
export function CreateCustomerForm({ api, domain }: { api: ApiClient; domain: string | null }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(domain ? nameFromDomain(domain) : '');
  const [domainValue, setDomain] = useState(domain ?? '');
  const create = useMutation({
    mutationFn: () =>
      api.customers.upsert.mutate({ name, domains: domainValue.trim() ? [domainValue.trim()] : [] }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customer.lookup'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Create customer">
      <h3>Create customer</h3>
      <label htmlFor={`${ids}-name`}>Name</label>
      <input id={`${ids}-name`} required value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${ids}-domain`}>Domain</label>
      <input
        id={`${ids}-domain`}
        value={domainValue}
        placeholder="example.com"
        onChange={(e) => setDomain(e.target.value)}
      />
      {create.isError && (
        <p role="alert" className="error">
          {errorMessage(create.error)}
        </p>
      )}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create customer'}
      </button>
    </form>
  );
}
