import { labelOf } from './account-format.ts';
import type { CustomerContext } from './types.ts';

/** The customer's contacts who are in this thread or meeting, with their roles. */
export function ContactsList({ contacts }: { contacts: CustomerContext['matchedContacts'] }) {
  return (
    <section className="card" aria-label="People here">
      <h3>People here</h3>
      {contacts.length === 0 ? (
        <p className="muted">No known contacts of this customer are here.</p>
      ) : (
        <ul className="people">
          {contacts.map((c) => (
            <li key={c.id}>
              <span className="person-name">{c.name || c.email}</span>
              <span className="role">{labelOf(c.role)}</span>
              <span className="muted small">{c.title ? `${c.title} · ${c.email}` : c.email}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
