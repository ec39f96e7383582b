import './customer.css';
import { NothingOpen } from '../host-context/nothing-open.tsx';
import type { SidebarTab, SidebarTabProps } from '../tabs/sidebar-tab.ts';
import { CustomerTab } from './customer-tab.tsx';

function CustomerPanel({ api, context, host, backendUrl, me, onUnauthorized, focus }: SidebarTabProps) {
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
      focus={focus?.tabId === customerTabId ? focus : null}
    />
  );
}

export const customerTabId = 'customer';

export const customerTab: SidebarTab = { id: customerTabId, label: 'Customer', Panel: CustomerPanel };
