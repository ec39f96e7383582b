import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { meOutput } from '../../../shared/api/auth.ts';
import type { HostContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import type { HostName } from '../../lib/sidebar-preferences.ts';

/** What every tab's panel is given by the signed-in sidebar. */
export interface SidebarTabProps {
  api: ApiClient;
  /** What the host page shows; null when nothing is open (a tab such as the Inbox still has work). */
  context: HostContext | null;
  host: HostName | null;
  backendUrl: string;
  me: z.infer<typeof meOutput>;
  /** The session ended (a 401): back to the sign-in form. */
  onUnauthorized: () => void;
}

/** One tab of the sidebar, defined in its feature's folder (`sidebar/<feature>/tab.tsx`). */
export interface SidebarTab {
  /** Stable: remembered as the host's last tab. */
  id: string;
  label: string;
  Panel: ComponentType<SidebarTabProps>;
}
