import './brief.css';
import { NothingOpen } from '../host-context/nothing-open.tsx';
import type { SidebarTab, SidebarTabProps } from '../tabs/sidebar-tab.ts';
import { BriefTab } from './brief-tab.tsx';

function BriefPanel({ api, context, host, backendUrl, onUnauthorized, openTab }: SidebarTabProps) {
  if (context?.host !== 'calendar') return <NothingOpen host={host} />;
  return (
    <BriefTab
      key={context.eventId || JSON.stringify(context)}
      api={api}
      event={context}
      backendUrl={backendUrl}
      onUnauthorized={onUnauthorized}
      openTab={openTab}
    />
  );
}

/** Calendar only: a brief prepares a meeting. */
export const briefTab: SidebarTab = { id: 'brief', label: 'Brief', Panel: BriefPanel, hosts: ['calendar'] };
