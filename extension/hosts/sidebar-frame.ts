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
  /** The page no longer shows anything to look up; the sidebar says so (no frame is created for it). */
  clear(): void;
}

/** Puts the frame into the page and returns how to take it out again. */
export type FramePlacement = (frame: HTMLIFrameElement, host: HostName) => () => void;

const frameWidth = 340;

/**
 * Mounts the sidebar page as an iframe (created on the first context; by default at the right edge of the
 * host page) and keeps a port to it through the background. The latest context is re-sent whenever the
 * sidebar says it is ready, e.g. after it reloads or the background restarted.
 */
export function mountSidebarFrame(
  ctx: ContentScriptContext,
  host: HostName,
  place: FramePlacement = besideThePage,
): SidebarFrame {
  const nonce = newNonce();
  let latest: HostContext | null = null;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let removeFrame: (() => void) | null = null;

  const send = () => {
    if (!removeFrame || !port) return;
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
    removeFrame?.();
  });

  return {
    show(context) {
      latest = context;
      if (!removeFrame) {
        removeFrame = place(createFrame(host, nonce), host);
        connect();
      } else send();
    },
    clear() {
      latest = null;
      send();
    },
  };
}

function besideThePage(frame: HTMLIFrameElement, host: HostName): () => void {
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
  container.append(frame);
  document.body.append(container);
  return () => container.remove();
}

function createFrame(host: HostName, nonce: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  const url = new URL(browser.runtime.getURL('/sidebar.html'));
  url.searchParams.set(nonceParam, nonce);
  url.searchParams.set('host', host);
  frame.src = url.href;
  frame.title = 'CSCX customer sidebar';
  Object.assign(frame.style, { border: '0', width: '100%', height: '100%', colorScheme: 'normal' });
  return frame;
}
