import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient, ApiTarget } from '../../lib/api-client.ts';
import type { SessionStore } from '../../lib/session-store.ts';

/**
 * What signing in needs from the outside world, shared by the sidebar and the settings page: where the
 * session lives, how to reach a backend, and permission to reach it.
 */
export interface SessionServices {
  session: SessionStore;
  connectApi(target: ApiTarget): ApiClient;
  /** Asks for access to a backend outside the manifest's local ones; true when granted. */
  requestBackendAccess(backendUrl: string): Promise<boolean>;
}

const SessionServicesContext = createContext<SessionServices | null>(null);

export function SessionServicesProvider({
  services,
  children,
}: {
  services: SessionServices;
  children: ReactNode;
}) {
  return <SessionServicesContext.Provider value={services}>{children}</SessionServicesContext.Provider>;
}

export function useSessionServices(): SessionServices {
  const services = useContext(SessionServicesContext);
  if (!services) throw new Error('useSessionServices outside SessionServicesProvider');
  return services;
}
