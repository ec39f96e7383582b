import type { Browser } from 'wxt/browser';
import { messageSchemaFrom, parsePortName } from './sidebar-channel.ts';

type Port = Browser.runtime.Port;

interface Pair {
  content?: Port;
  sidebar?: Port;
}

/**
 * Background side of the sidebar channel: pairs a content script's port with its frame's port by nonce,
 * only within one tab, and forwards messages that pass the schema of the sender's role.
 */
export function relaySidebarPorts(onConnect: Browser.events.Event<(port: Port) => void>): void {
  const pairs = new Map<string, Pair>();
  onConnect.addListener((port) => {
    const parsed = parsePortName(port.name);
    if (!parsed) return;
    const { role, nonce } = parsed;
    const pair = pairs.get(nonce) ?? {};
    const other = role === 'content' ? pair.sidebar : pair.content;
    if (pair[role] || (other && tabOf(other) !== tabOf(port))) {
      port.disconnect();
      return;
    }
    pair[role] = port;
    pairs.set(nonce, pair);
    const schema = messageSchemaFrom(role);
    port.onMessage.addListener((message: unknown) => {
      const checked = schema.safeParse(message);
      if (!checked.success) return;
      const target = role === 'content' ? pair.sidebar : pair.content;
      target?.postMessage(checked.data);
    });
    port.onDisconnect.addListener(() => {
      if (pair[role] === port) delete pair[role];
      if (!pair.content && !pair.sidebar) pairs.delete(nonce);
    });
  });
}

function tabOf(port: Port): number | undefined {
  return port.sender?.tab?.id;
}
