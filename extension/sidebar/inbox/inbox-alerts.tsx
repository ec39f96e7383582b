import { useQuery } from '@tanstack/react-query';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { AlertRow } from '../health/health-alerts.tsx';
import { alertsKey } from '../health/health-query.ts';

/** The most alerts the Inbox lists (the API's page); more say so in the count. */
const shownAlerts = 200;

/**
 * Open health alerts on the customers the user owns, newest first, each acknowledged from here as
 * from the Health tab. The API narrows them to the user's customers, so an owner of a large book sees
 * every one of theirs, not those among the org's latest.
 */
export function InboxAlerts({ api, me }: { api: ApiClient; me: UserOutput }) {
  const alerts = useQuery({
    queryKey: [...alertsKey, 'open', { ownerId: me.id }],
    queryFn: () => api.health.alerts.query({ status: 'open', ownerId: me.id, limit: shownAlerts }),
  });
  if (alerts.error)
    return (
      <p role="alert" className="error">
        {errorMessage(alerts.error)}
      </p>
    );
  const open = alerts.data?.items ?? [];
  if (open.length === 0) return null;
  return (
    <section className="action-group inbox-alerts" aria-label="Health alerts">
      <h3>
        Health alerts{' '}
        <span className="count">{open.length === shownAlerts ? `${shownAlerts}+` : open.length}</span>
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
