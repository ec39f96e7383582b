import { nonceParam } from './sidebar-channel.ts';
import { type HostName, hostNames } from './sidebar-preferences.ts';

/** What the content script tells its sidebar frame through the frame's address. */
export interface FrameAddress {
  /** Names the port pair between the two (sidebar-channel.ts). */
  nonce: string;
  /** The host page the frame is in: its "Nothing open" wording and what it remembers are that host's. */
  host: HostName;
  /** Docked at the page's edge, so it can be hidden; false in Gmail's own sidebar, which hides it itself. */
  docked: boolean;
}

const hostParam = 'host';
const dockParam = 'dock';

export function frameAddress(sidebarPage: string, { nonce, host, docked }: FrameAddress): string {
  const url = new URL(sidebarPage);
  url.searchParams.set(nonceParam, nonce);
  url.searchParams.set(hostParam, host);
  if (docked) url.searchParams.set(dockParam, 'edge');
  return url.href;
}

/** The sidebar page's reading of its own address; a page opened without one has no host. */
export function readFrameAddress(search: string): { host: HostName | null; docked: boolean } {
  const params = new URLSearchParams(search);
  const host = hostNames.find((name) => name === params.get(hostParam)) ?? null;
  return { host, docked: params.get(dockParam) === 'edge' };
}
