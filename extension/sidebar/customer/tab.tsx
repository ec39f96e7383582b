import './customer.css';
import { NothingOpen } from '../host-context/nothing-open.tsx';
import type { SidebarTab, SidebarTabProps } from '../tabs/sidebar-tab.ts';
import { CustomerTab } from './customer-tab.tsx';

function CustomerPanel({ api, context, host, backendUrl, me, onUnauthorized }: SidebarTabProps) {
  if (!context) return <NothingOpen host={host} />;
  return (
    <CustomerTab
      key={JSON.stringify(context)}
      api={api}
      context={context}
      backendUrl={backendUrl}
      orgDomains={me.org.domains}
      recordsMeetings={me.user.role !== 'viewer' && me.org.recordCalendarMeetings !== false}
      onUnauthorized={onUnauthorized}
    />
  );
}

export const customerTab: SidebarTab = { id: 'customer', label: 'Customer', Panel: CustomerPanel };
