import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HostContext } from '../../shared/host-context.ts';
import {
  type ContentMessage,
  newNonce,
  nonceParam,
  portName,
  sidebarMessage,
} from '../lib/sidebar-channel.ts';

export type HostName = HostContext['host'];

export interface SidebarFrame {
  show(context: HostContext): void;
}

const frameWidth = 340;

/**
 * Mounts the sidebar page as an iframe at the right edge of the host page (created on the first
 * context) and keeps a port to it through the background. The latest context is re-sent whenever the
 * sidebar says it is ready, e.g. after it reloads or the background restarted.
 */
export function mountSidebarFrame(ctx: ContentScriptContext, host: HostName): SidebarFrame {
  const nonce = newNonce();
  let latest: HostContext | null = null;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let container: HTMLElement | null = null;

  const send = () => {
    if (!latest || !port) return;
    const message: ContentMessage = { type: 'context', context: latest };
    port.postMessage(message);
  };
  const connect = () => {
    if (ctx.isInvalid) return;
    port = browser.runtime.connect({ name: portName('content', nonce) });
    port.onMessage.addListener((message: unknown) => {
      if (sidebarMessage.safeParse(message).success) send();
    });
    // The background restarts when idle; reconnect after a pause so a refusal cannot spin.
    port.onDisconnect.addListener(() => {
      port = null;
      ctx.setTimeout(connect, 250);
    });
    send();
  };
  ctx.onInvalidated(() => {
    const open = port;
    port = null;
    open?.disconnect();
    container?.remove();
  });

  return {
    show(context) {
      latest = context;
      if (!container) {
        container = createContainer(host, nonce);
        document.body.append(container);
        connect();
      } else send();
    },
  };
}

function createContainer(host: HostName, nonce: string): HTMLElement {
  const container = document.createElement('cscx-sidebar');
  container.setAttribute('data-cscx-host', host);
  Object.assign(container.style, {
    position: 'fixed',
    top: '72px',
    right: '12px',
    bottom: '12px',
    width: `${frameWidth}px`,
    zIndex: '2147483000',
    display: 'block',
    borderRadius: '12px',
    overflow: 'hidden',
    boxShadow: '0 8px 28px rgba(0,0,0,.28)',
  });
  const frame = document.createElement('iframe');
  const url = new URL(browser.runtime.getURL('/sidebar.html'));
  url.searchParams.set(nonceParam, nonce);
  url.searchParams.set('host', host);
  frame.src = url.href;
  frame.title = 'CSCX customer sidebar';
  Object.assign(frame.style, { border: '0', width: '100%', height: '100%', colorScheme: 'normal' });
  container.append(frame);
  return container;
}
