import { useId } from 'react';
import type { Candidate } from './types.ts';

/** Shown when several customers match: pick the one this conversation is about. */
export function CandidateSwitcher({
  candidates,
  selectedId,
  onSelect,
}: {
  candidates: Candidate[];
  selectedId: string;
  onSelect: (customerId: string) => void;
}) {
  const id = useId();
  return (
    <div className="switcher">
      <label htmlFor={id}>{candidates.length} customers match</label>
      <select id={id} value={selectedId} onChange={(e) => onSelect(e.target.value)}>
        {candidates.map((c) => (
          <option key={c.customer.id} value={c.customer.id}>
            {c.customer.name}
          </option>
        ))}
      </select>
    </div>
  );
}
