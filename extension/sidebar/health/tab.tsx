import './health.css';
import { NothingOpen } from '../host-context/nothing-open.tsx';
import type { SidebarTab, SidebarTabProps } from '../tabs/sidebar-tab.ts';
import { HealthTab } from './health-tab.tsx';

function HealthPanel({ api, context, host, backendUrl, me, onUnauthorized }: SidebarTabProps) {
  if (!context) return <NothingOpen host={host} />;
  return (
    <HealthTab
      key={JSON.stringify(context)}
      api={api}
      context={context}
      backendUrl={backendUrl}
      canAcknowledge={me.user.role !== 'viewer'}
      onUnauthorized={onUnauthorized}
    />
  );
}

export const healthTabId = 'health';

/** Every host's: a customer's health matters before a meeting and after a call as much as in email. */
export const healthTab: SidebarTab = { id: healthTabId, label: 'Health', Panel: HealthPanel };
