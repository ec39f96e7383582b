import type { DomainConflict } from '../../../shared/api/auth.ts';

/** "acme.example is also Acme Corp's domain: its people would no longer match Acme Corp". */
export function describeConflict({ domain, customerName }: DomainConflict): string {
  return `${domain} is also ${customerName}'s domain: its people would no longer match ${customerName}`;
}

/**
 * Shown before saving domains that customers own: an org's own domain wins over a customer's, so the
 * admin decides knowingly (a parent company's domain can be meant), or removes it from the list.
 */
export function DomainConflicts({
  conflicts,
  saving,
  onSaveAnyway,
}: {
  conflicts: readonly DomainConflict[];
  saving: boolean;
  onSaveAnyway: () => void;
}) {
  return (
    <div role="alert" className="notice warning">
      {conflicts.map((conflict) => (
        <p key={conflict.domain}>{describeConflict(conflict)}.</p>
      ))}
      <p className="small muted">Remove it from the list, or save anyway.</p>
      <button type="button" className="danger" disabled={saving} onClick={onSaveAnyway}>
        Save anyway
      </button>
    </div>
  );
}
