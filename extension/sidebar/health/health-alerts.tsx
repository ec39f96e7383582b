import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HealthAlert } from '../../../shared/api/health.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { alertCauseWords, shortDay } from './health-format.ts';
import { alertsKey, healthKey } from './health-query.ts';

interface HealthAlertsProps {
  api: ApiClient;
  alerts: HealthAlert[];
  /** Viewers read alerts; acknowledging is a CSM's. */
  canAcknowledge: boolean;
}

/** The customer's open alerts, each acknowledged by the CSM who has seen it. */
export function HealthAlerts({ api, alerts, canAcknowledge }: HealthAlertsProps) {
  if (alerts.length === 0) return null;
  return (
    <section className="card health-alerts" aria-label="Open alerts">
      <h3>
        Open alerts <span className="count">{alerts.length}</span>
      </h3>
      <ul className="alert-list">
        {alerts.map((alert) => (
          <AlertRow key={alert.id} api={api} alert={alert} canAcknowledge={canAcknowledge} />
        ))}
      </ul>
    </section>
  );
}

/** One open alert with its drivers' sentence; `showCustomer` names the customer where alerts of several are listed. */
export function AlertRow({
  api,
  alert,
  canAcknowledge,
  showCustomer = false,
}: { api: ApiClient; alert: HealthAlert; showCustomer?: boolean } & Pick<
  HealthAlertsProps,
  'canAcknowledge'
>) {
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: () => api.health.acknowledgeAlert.mutate({ alertId: alert.id }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: healthKey(alert.customerId) }),
        queryClient.invalidateQueries({ queryKey: alertsKey }),
      ]),
  });
  const cause = alertCauseWords[alert.cause];
  const what = showCustomer ? `${alert.customerName} · ${cause}` : cause;
  return (
    <li className="alert-row">
      <span className="alert-text">
        <strong>{what}</strong>
        <span>{alert.sentence}</span>
        <span className="muted small">Raised {shortDay(alert.createdAt)}</span>
      </span>
      {canAcknowledge && (
        <button
          type="button"
          disabled={acknowledge.isPending}
          aria-label={showCustomer ? `Acknowledge ${alert.customerName}: ${cause}` : `Acknowledge: ${cause}`}
          onClick={() => acknowledge.mutate()}
        >
          {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      )}
      {acknowledge.isError && (
        <p role="alert" className="error">
          {errorMessage(acknowledge.error)}
        </p>
      )}
    </li>
  );
}
