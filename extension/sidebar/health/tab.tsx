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

/** Every host's: a customer's health matters before a meeting and after a call as much as in email. */
export const healthTab: SidebarTab = { id: 'health', label: 'Health', Panel: HealthPanel };
