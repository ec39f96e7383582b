import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Person } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { CustomerSearch } from './customer-search.tsx';

/**
 * "Add this person to customer X" for addresses that matched nothing (or the wrong customer): links
 * the address as a contact, then the lookup runs again.
 */
export function LinkPerson({
  api,
  people,
  current,
}: {
  api: ApiClient;
  people: Person[];
  current: { id: string; name: string } | null;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(people[0]?.email ?? '');
  const link = useMutation({
    mutationFn: (customerId: string) => {
      const name = people.find((p) => p.email === email)?.name || undefined;
      return api.contacts.link.mutate({ email, customerId, ...(name ? { name } : {}) });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customer.lookup'] }),
  });
  if (people.length === 0) return null;
  return (
    <section className="card" aria-label="Add a person to a customer">
      <h3>Not matched</h3>
      <label htmlFor={id}>Person</label>
      <select id={id} value={email} onChange={(e) => setEmail(e.target.value)}>
        {people.map((p) => (
          <option key={p.email} value={p.email ?? ''}>
            {p.name ? `${p.name} <${p.email}>` : p.email}
          </option>
        ))}
      </select>
      {current && (
        <button type="button" onClick={() => link.mutate(current.id)} disabled={link.isPending}>
          Add to {current.name}
        </button>
      )}
      <CustomerSearch
        api={api}
        label="…or to another customer"
        action={(c) => `Add to ${c.name}`}
        onPick={(c) => link.mutate(c.id)}
      />
      {link.isSuccess && <p role="status">Added {link.data.email}.</p>}
      {link.isError && (
        <p role="alert" className="error">
          {errorMessage(link.error)}
        </p>
      )}
    </section>
  );
}
