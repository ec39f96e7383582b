import { useQuery } from '@tanstack/react-query';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { AlertRow } from '../health/health-alerts.tsx';
import { alertsKey } from '../health/health-query.ts';

/**
 * Open health alerts on the customers the user owns, each acknowledged from here as from the Health
 * tab. The alerts API lists the org's; the user's own customers narrow it.
 */
export function InboxAlerts({ api, me }: { api: ApiClient; me: UserOutput }) {
  const mine = useQuery({
    queryKey: ['customers.list', { ownerId: me.id }],
    queryFn: () => api.customers.list.query({ ownerId: me.id, limit: 200 }),
  });
  const alerts = useQuery({
    queryKey: [...alertsKey, 'open', null],
    queryFn: () => api.health.alerts.query({ status: 'open' }),
  });
  const error = mine.error ?? alerts.error;
  if (error)
    return (
      <p role="alert" className="error">
        {errorMessage(error)}
      </p>
    );
  if (!mine.data || !alerts.data) return null;
  const owned = new Set(mine.data.items.map((c) => c.id));
  const open = alerts.data.items.filter((a) => owned.has(a.customerId));
  if (open.length === 0) return null;
  return (
    <section className="action-group inbox-alerts" aria-label="Health alerts">
      <h3>
        Health alerts <span className="count">{open.length}</span>
      </h3>
      <ul className="alert-list">
        {open.map((alert) => (
          <AlertRow
            key={alert.id}
            api={api}
            alert={alert}
            canAcknowledge={me.role !== 'viewer'}
            showCustomer
          />
        ))}
      </ul>
    </section>
  );
}
