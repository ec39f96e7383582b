import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../lib/api-client.ts';
import type { Session } from '../../lib/session-store.ts';
import { useSessionServices } from './session-services.tsx';

export interface SessionState {
  session: Session | null;
  api: ApiClient | null;
  save(next: Session): Promise<void>;
  signOut(): Promise<void>;
}

/** The stored session, kept in step with `chrome.storage` (another sidebar may sign in or out). */
export function useSession(): SessionState {
  const services = useSessionServices();
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    let live = true;
    void services.session.load().then((loaded) => live && setSession(loaded));
    const unsubscribe = services.session.subscribe(setSession);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [services]);
  const api = useMemo(
    () =>
      session?.token ? services.connectApi({ backendUrl: session.backendUrl, token: session.token }) : null,
    [services, session?.backendUrl, session?.token],
  );
  return {
    session,
    api,
    async save(next) {
      await services.session.save(next);
      setSession(next);
    },
    async signOut() {
      if (!session) return;
      const signedOut = { ...session, token: null };
      await services.session.save(signedOut);
      setSession(signedOut);
    },
  };
}
