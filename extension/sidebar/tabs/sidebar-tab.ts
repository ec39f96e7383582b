import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { meOutput } from '../../../shared/api/auth.ts';
import type { ActivityOutput } from '../../../shared/api/customers.ts';
import type { DraftIntent } from '../../../shared/api/drafts.ts';
import type { GmailThreadContext, HostContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import type { HostName } from '../../lib/sidebar-preferences.ts';

/** What every tab's panel is given by the signed-in sidebar. */
export interface SidebarTabProps {
  api: ApiClient;
  /** What the host page shows; null when nothing is open (a tab such as the Inbox still has work). */
  context: HostContext | null;
  /** The Gmail thread on the page: the one shown, or the one behind the reply being written. */
  thread: GmailThreadContext | null;
  /** The page's latest ask for a draft (a compose's "Draft with CSCX"); a new `seq` is a new ask. */
  draftRequest: DraftRequest | null;
  host: HostName | null;
  backendUrl: string;
  me: z.infer<typeof meOutput>;
  /** The session ended (a 401): back to the sign-in form. */
  onUnauthorized: () => void;
  /** The item a tab asked another to show (a brief's source); a new `seq` asks again. */
  focus?: TabFocus | null;
  /** Opens another tab on an item: a brief's claim opens its source in the Customer tab. */
  openTab?: (focus: Omit<TabFocus, 'seq'>) => void;
}

/** A tab to open, and for the Customer tab the customer and the item to show and highlight. */
export interface TabFocus {
  tabId: string;
  customerId: string;
  item: { kind: 'activity'; activity: ActivityOutput } | { kind: 'task'; id: string } | null;
  seq: number;
}

/** One tab of the sidebar, defined in its feature's folder (`sidebar/<feature>/tab.tsx`). */
export interface SidebarTab {
  /** Stable: remembered as the host's last tab. */
  id: string;
  label: string;
  Panel: ComponentType<SidebarTabProps>;
  /** The hosts whose sidebar has this tab; every host's (and a sidebar opened on its own) when absent. */
  hosts?: readonly HostName[];
}

export interface DraftRequest {
  /** What the compose implies (a reply); null keeps the tab's choice. */
  intent: DraftIntent | null;
  seq: number;
  /** True for the first caller only: the ask is acted on once, not again by a panel mounted later. */
  claim(): boolean;
}
