import './inbox.css';
import type { SidebarTab, SidebarTabProps } from '../tabs/sidebar-tab.ts';
import { InboxTab } from './inbox-tab.tsx';

function InboxPanel({ api, me, backendUrl, onUnauthorized }: SidebarTabProps) {
  return <InboxTab api={api} me={me.user} backendUrl={backendUrl} onUnauthorized={onUnauthorized} />;
}

/** Every host's, and useful with nothing open: the queue is the CSM's, not the page's. */
export const inboxTab: SidebarTab = { id: 'inbox', label: 'Inbox', Panel: InboxPanel };
