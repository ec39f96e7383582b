import '../../sidebar/health/health.css';
import './alerts.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MemberOutput, UserOutput } from '../../../shared/api/auth.ts';
import type { HealthAlert } from '../../../shared/api/health.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { alertCauseWords, bandWords } from '../../sidebar/health/health-format.ts';
import { alertsKey, healthKey } from '../../sidebar/health/health-query.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { membersKey } from '../members/members-query.ts';
import { sectionHref } from '../route.ts';

type Status = HealthAlert['status'];

/**
 * Health alerts, open ones first: what happened to which customer, and why in plain words. A CSM
 * acknowledges one once it is seen to; `#/alerts?customer=<id>` (the book's links) lists one customer's.
 */
export function AlertsSection({ api, me }: { api: ApiClient; me: UserOutput }) {
  const customerId = useCustomerInAddress();
  const [status, setStatus] = useState<Status>('open');
  const members = useQuery({ queryKey: membersKey, queryFn: () => api.users.list.query() });
  const alerts = useQuery({
    queryKey: [...alertsKey, status, customerId],
    queryFn: () => api.health.alerts.query({ status, ...(customerId ? { customerId } : {}) }),
  });
  const customerName = alerts.data?.items[0]?.customerName;
  return (
    <section className="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">
        {customerId ? `Alerts for ${customerName ?? 'one customer'}` : 'Health alerts'}
      </h2>
      {customerId && (
        <p className="small">
          <a href={sectionHref('/alerts')}>Every customer’s alerts</a>
        </p>
      )}
      <fieldset className="status-choice">
        <legend className="muted small">Show</legend>
        {(['open', 'acknowledged'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="alert-status" checked={status === s} onChange={() => setStatus(s)} />
            {s === 'open' ? 'Open' : 'Acknowledged'}
          </label>
        ))}
      </fieldset>
      {alerts.error ? (
        <ErrorAlert error={alerts.error} />
      ) : !alerts.data ? (
        <PanelSkeleton label="Loading the alerts" />
      ) : alerts.data.items.length === 0 ? (
        <p className="muted">{status === 'open' ? 'No open alerts.' : 'No acknowledged alerts.'}</p>
      ) : (
        <ul className="rows" aria-label={status === 'open' ? 'Open alerts' : 'Acknowledged alerts'}>
          {alerts.data.items.map((alert) => (
            <AlertItem
              key={alert.id}
              api={api}
              alert={alert}
              members={members.data ?? []}
              canAcknowledge={me.role !== 'viewer'}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem({
  api,
  alert,
  members,
  canAcknowledge,
}: {
  api: ApiClient;
  alert: HealthAlert;
  members: MemberOutput[];
  canAcknowledge: boolean;
}) {
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: () => api.health.acknowledgeAlert.mutate({ alertId: alert.id }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: alertsKey }),
        queryClient.invalidateQueries({ queryKey: healthKey(alert.customerId) }),
        queryClient.invalidateQueries({ queryKey: ['health.book'] }),
      ]),
  });
  const by = members.find((m) => m.id === alert.acknowledgedBy);
  return (
    <li className="row">
      <span className="row-main">
        <span>
          <strong>{alert.customerName}</strong> · {alertCauseWords[alert.cause]}{' '}
          <span className={`band band-${alert.band}`}>
            {bandWords[alert.band]} {Math.round(alert.score)}
          </span>
        </span>
        <span>{alert.sentence}</span>
        <span className="muted small">
          Raised {new Date(alert.createdAt).toLocaleDateString()}
          {alert.acknowledgedAt &&
            ` · acknowledged ${new Date(alert.acknowledgedAt).toLocaleDateString()} by ${by ? by.name || by.email : 'a removed member'}`}
        </span>
        {alert.drivers.length > 0 && (
          <span className="muted small">
            Why:{' '}
            {alert.drivers
              .slice(0, 3)
              .map((d) => d.sentence)
              .join('; ')}
          </span>
        )}
      </span>
      {alert.status === 'open' && canAcknowledge && (
        <button
          type="button"
          disabled={acknowledge.isPending}
          aria-label={`Acknowledge ${alert.customerName}: ${alertCauseWords[alert.cause]}`}
          onClick={() => acknowledge.mutate()}
        >
          {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      )}
      {acknowledge.isError && (
        <div className="row-error">
          <ErrorAlert error={acknowledge.error} />
        </div>
      )}
    </li>
  );
}

/** The customer the address names (`#/alerts?customer=<id>`), following the address as it changes. */
function useCustomerInAddress(): string | null {
  const [customerId, setCustomerId] = useState(customerInAddress);
  useEffect(() => {
    const follow = () => setCustomerId(customerInAddress());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return customerId;
}

function customerInAddress(): string | null {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('customer');
}
