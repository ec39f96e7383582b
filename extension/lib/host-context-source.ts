import { browser } from 'wxt/browser';
import type { HostContext } from '../../shared/host-context.ts';
import { contentMessage, nonceParam, portName, type SidebarMessage } from './sidebar-channel.ts';

/** Where the sidebar learns what the host page shows. */
export interface HostContextSource {
  subscribe(onContext: (context: HostContext | null) => void): () => void;
}

/**
 * The sidebar's end of the channel: a port named by the nonce in this page's URL. On (re)connect it says
 * "ready" and the content script answers with its latest context.
 */
export function portHostContextSource(location: Location): HostContextSource {
  const nonce = new URLSearchParams(location.search).get(nonceParam);
  return {
    subscribe(onContext) {
      if (!nonce) return () => {};
      let closed = false;
      let port: ReturnType<typeof browser.runtime.connect> | null = null;
      const connect = () => {
        if (closed) return;
        port = browser.runtime.connect({ name: portName('sidebar', nonce) });
        port.onMessage.addListener((message: unknown) => {
          const parsed = contentMessage.safeParse(message);
          if (parsed.success) onContext(parsed.data.context);
        });
        // The background restarts when idle; reconnect after a pause so a refusal cannot spin.
        port.onDisconnect.addListener(() => setTimeout(connect, 250));
        const ready: SidebarMessage = { type: 'ready' };
        port.postMessage(ready);
      };
      connect();
      return () => {
        closed = true;
        port?.disconnect();
      };
    },
  };
}
