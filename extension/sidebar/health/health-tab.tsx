import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { HostContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import { BackendUnreachable } from '../connection/backend-unreachable.tsx';
import { lookupCustomer } from '../customer/lookup-customer.ts';
import { Notice } from '../layout/notice.tsx';
import { PanelSkeleton } from '../layout/skeleton.tsx';
import { HealthAlerts } from './health-alerts.tsx';
import { HealthDrivers } from './health-drivers.tsx';
import { healthKey } from './health-query.ts';
import { HealthSummary } from './health-summary.tsx';

interface HealthTabProps {
  api: ApiClient;
  context: HostContext;
  backendUrl: string;
  canAcknowledge: boolean;
  onUnauthorized: () => void;
}

/**
 * The health of the customer the page is about: the same lookup as the Customer tab (one request
 * between them, from the shared cache), then that customer's score.
 */
export function HealthTab({ api, context, backendUrl, canAcknowledge, onUnauthorized }: HealthTabProps) {
  const lookup = useQuery({
    queryKey: ['customer.lookup', context],
    queryFn: () => lookupCustomer(api, context),
  });
  const customer = lookup.data?.customer ?? null;
  const health = useQuery({
    queryKey: healthKey(customer?.id ?? ''),
    queryFn: () => api.health.forCustomer.query({ customerId: customer?.id ?? '' }),
    enabled: customer !== null,
  });
  const error = lookup.error ?? health.error;
  const failure = error ? classifyApiError(error) : null;
  useEffect(() => {
    if (failure === 'unauthorized') onUnauthorized();
  }, [failure, onUnauthorized]);

  if (failure === 'unreachable')
    return (
      <BackendUnreachable
        backendUrl={backendUrl}
        onRetry={() => void (customer ? health.refetch() : lookup.refetch())}
      />
    );
  if (error)
    return (
      <Notice title="Something went wrong" tone="warning">
        <p>{errorMessage(error)}</p>
      </Notice>
    );
  if (!lookup.data) return <PanelSkeleton label="Finding the customer" />;
  if (!customer)
    return (
      <Notice title="No customer here" tone="calm">
        <p className="muted">Health shows for a customer; no customer matches the people here.</p>
      </Notice>
    );
  if (health.data === undefined) return <PanelSkeleton label="Loading the health score" />;
  if (health.data === null)
    return (
      <Notice title="No health score yet" tone="calm">
        <p className="muted">
          No health score yet — no signals for {customer.name}. Usage, tickets, surveys and emails add to it
          as they arrive.
        </p>
      </Notice>
    );
  return (
    <div className="stack health">
      <HealthSummary health={health.data} />
      <HealthAlerts api={api} alerts={health.data.openAlerts} canAcknowledge={canAcknowledge} />
      <HealthDrivers drivers={health.data.drivers} />
    </div>
  );
}
