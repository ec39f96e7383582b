import { createContext, type ReactNode, useContext } from 'react';
import type { HostCompose, HostContextSource } from '../lib/host-context-source.ts';
import type { HostName, Preference } from '../lib/sidebar-preferences.ts';
import { type SessionServices, SessionServicesProvider } from './session/session-services.tsx';

/** What the sidebar needs from the outside world; the entrypoint passes real ones, tests stand-ins. */
export interface SidebarServices extends SessionServices {
  hostContext: HostContextSource;
  /** Gmail's compose: draft requests from it, text inserted into it (nothing answers on other hosts). */
  compose: HostCompose;
  /** The host page this sidebar is framed in; null when the page was opened on its own. */
  host: HostName | null;
  /** The tab open last in this host's sidebar. */
  lastTab: Preference<string | null>;
  /** Collapses the sidebar to its tab on the page's edge; null where the host's own sidebar holds it. */
  hideSidebar: (() => void) | null;
  /** Opens the settings page (the extension's options page) in a tab. */
  openSettings: () => void;
}

const ServicesContext = createContext<SidebarServices | null>(null);

export function ServicesProvider({ services, children }: { services: SidebarServices; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <SessionServicesProvider services={services}>{children}</SessionServicesProvider>
    </ServicesContext.Provider>
  );
}

export function useServices(): SidebarServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
