import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient, ApiTarget } from '../lib/api-client.ts';
import type { HostContextSource } from '../lib/host-context-source.ts';
import type { SessionStore } from '../lib/session-store.ts';

/** What the sidebar needs from the outside world; the entrypoint passes real ones, tests stand-ins. */
export interface SidebarServices {
  session: SessionStore;
  hostContext: HostContextSource;
  connectApi(target: ApiTarget): ApiClient;
  /** Asks for access to a backend outside the manifest's local ones; true when granted. */
  requestBackendAccess(backendUrl: string): Promise<boolean>;
}

const ServicesContext = createContext<SidebarServices | null>(null);

export function ServicesProvider({ services, children }: { services: SidebarServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): SidebarServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
