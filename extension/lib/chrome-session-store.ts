import { browser } from 'wxt/browser';
import { isLocalBackend, type SessionStore, session, sessionStorageKey } from './session-store.ts';

/** The extension's session in `chrome.storage.local`, shared by every sidebar and the options page. */
export function chromeSessionStore(area = browser.storage.local): SessionStore {
  return {
    async load() {
      const stored = await area.get(sessionStorageKey);
      const parsed = session.safeParse(stored[sessionStorageKey] ?? {});
      return parsed.success ? parsed.data : session.parse({});
    },
    async save(next) {
      await area.set({ [sessionStorageKey]: next });
    },
    subscribe(onChange) {
      const listener = (changes: Record<string, { newValue?: unknown }>) => {
        const change = changes[sessionStorageKey];
        if (!change) return;
        const parsed = session.safeParse(change.newValue ?? {});
        onChange(parsed.success ? parsed.data : session.parse({}));
      };
      area.onChanged.addListener(listener);
      return () => area.onChanged.removeListener(listener);
    },
  };
}

/** The local backends are granted by the manifest; any other origin is asked for, once, at sign-in. */
export function requestBackendAccess(backendUrl: string): Promise<boolean> {
  return isLocalBackend(backendUrl)
    ? Promise.resolve(true)
    : browser.permissions.request({ origins: [`${backendUrl}/*`] });
}
