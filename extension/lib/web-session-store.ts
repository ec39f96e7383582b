import { type SessionStore, session, sessionStorageKey } from './session-store.ts';

/**
 * The settings page served by the backend keeps its token in this tab's `sessionStorage` (same origin,
 * gone when the tab closes), and always talks to the origin that served it.
 */
export function webSessionStore(storage: Storage, origin: string): SessionStore {
  const read = () => {
    let stored: unknown = {};
    try {
      stored = JSON.parse(storage.getItem(sessionStorageKey) ?? '{}');
    } catch {
      stored = {};
    }
    const parsed = session.safeParse(stored);
    return { ...(parsed.success ? parsed.data : session.parse({})), backendUrl: origin };
  };
  return {
    load: async () => read(),
    async save(next) {
      storage.setItem(sessionStorageKey, JSON.stringify({ ...next, backendUrl: origin }));
    },
    // sessionStorage belongs to one tab: no other page can change it under us.
    subscribe: () => () => {},
  };
}
