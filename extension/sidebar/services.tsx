import { createContext, type ReactNode, useContext } from 'react';
import type { HostContextSource } from '../lib/host-context-source.ts';
import { type SessionServices, SessionServicesProvider } from './session/session-services.tsx';

/** What the sidebar needs from the outside world; the entrypoint passes real ones, tests stand-ins. */
export interface SidebarServices extends SessionServices {
  hostContext: HostContextSource;
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
