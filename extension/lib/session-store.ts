import { browser } from 'wxt/browser';
import { z } from 'zod';

/** Where the sidebar keeps the backend address and the signed-in token: `chrome.storage.local` (the
 * iframed page has no usable `localStorage`). */
export const defaultBackendUrl = 'http://127.0.0.1:8787';

export const session = z.object({
  backendUrl: z.string().url().default(defaultBackendUrl),
  token: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
});
export type Session = z.infer<typeof session>;

export interface SessionStore {
  load(): Promise<Session>;
  save(next: Session): Promise<void>;
  subscribe(onChange: (next: Session) => void): () => void;
}

const key = 'cscx.session';

export function chromeSessionStore(area = browser.storage.local): SessionStore {
  return {
    async load() {
      const stored = await area.get(key);
      const parsed = session.safeParse(stored[key] ?? {});
      return parsed.success ? parsed.data : session.parse({});
    },
    async save(next) {
      await area.set({ [key]: next });
    },
    subscribe(onChange) {
      const listener = (changes: Record<string, { newValue?: unknown }>) => {
        const change = changes[key];
        if (!change) return;
        const parsed = session.safeParse(change.newValue ?? {});
        onChange(parsed.success ? parsed.data : session.parse({}));
      };
      area.onChanged.addListener(listener);
      return () => area.onChanged.removeListener(listener);
    },
  };
}

/** True for the local backends the manifest already grants; others need an optional permission. */
export function isLocalBackend(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost';
}
