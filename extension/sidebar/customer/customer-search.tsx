import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import type { CustomerSummary } from '../../../shared/api/customers.ts';
import type { ApiClient } from '../../lib/api-client.ts';

/** Search the book by name or domain and pick a customer; `action` labels each result's button. */
export function CustomerSearch({
  api,
  label,
  action,
  onPick,
}: {
  api: ApiClient;
  label: string;
  action: (customer: CustomerSummary) => string;
  onPick: (customer: CustomerSummary) => void;
}) {
  const id = useId();
  const [term, setTerm] = useState('');
  const search = useDeferredValue(term.trim());
  const results = useQuery({
    queryKey: ['customers.search', search],
    queryFn: () => api.customers.list.query({ search, limit: 6 }),
    enabled: search.length >= 2,
  });
  return (
    <div className="search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        placeholder="Name or domain"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      {results.data && (
        <ul className="results" aria-label="Search results">
          {results.data.items.length === 0 && <li className="muted">No customer matches “{search}”.</li>}
          {results.data.items.map((c) => (
            <li key={c.id}>
              <span>
                {c.name} <span className="muted small">{c.domains[0] ?? ''}</span>
              </span>
              <button type="button" onClick={() => onPick(c)}>
                {action(c)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
