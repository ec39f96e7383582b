import { z } from 'zod';

/** The backend address and the signed-in token. Where they live is the store's business:
 * `chrome.storage.local` in the extension (the iframed sidebar has no usable `localStorage`), the tab's
 * `sessionStorage` for the settings page the backend serves. */
export const defaultBackendUrl = 'http://127.0.0.1:8787';

export const session = z.object({
  backendUrl: z.string().url().default(defaultBackendUrl),
  token: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
});
export type Session = z.infer<typeof session>;

export const sessionStorageKey = 'cscx.session';

export interface SessionStore {
  load(): Promise<Session>;
  save(next: Session): Promise<void>;
  subscribe(onChange: (next: Session) => void): () => void;
}

/** True for the local backends the manifest already grants; others need an optional permission. */
export function isLocalBackend(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost';
}
