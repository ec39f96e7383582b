import { z } from 'zod';
import { hostContext } from '../../shared/host-context.ts';

/**
 * The content script and its sidebar frame each open a runtime port named after the frame's nonce; the
 * background pairs the two and forwards messages. Host pages cannot open extension ports, and a nonce
 * names one frame in one tab, so two tabs never see each other's context.
 */
export const portRoles = ['content', 'sidebar'] as const;
export type PortRole = (typeof portRoles)[number];

const portPrefix = 'cscx-sidebar';
const noncePattern = /^[a-f0-9]{32}$/;

export function portName(role: PortRole, nonce: string): string {
  return `${portPrefix}/${role}/${nonce}`;
}

export function parsePortName(name: string): { role: PortRole; nonce: string } | null {
  const [prefix, role, nonce] = name.split('/');
  if (prefix !== portPrefix || !nonce || !noncePattern.test(nonce)) return null;
  const known = portRoles.find((r) => r === role);
  return known ? { role: known, nonce } : null;
}

export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The query parameter of sidebar.html that carries the nonce. */
export const nonceParam = 'port';

/** A null context means the page shows nothing to look up any more (e.g. Gmail went back to the inbox). */
export const contentMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('context'), context: hostContext.nullable() }),
]);
export type ContentMessage = z.infer<typeof contentMessage>;

export const sidebarMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('ready') })]);
export type SidebarMessage = z.infer<typeof sidebarMessage>;

export function messageSchemaFrom(role: PortRole) {
  return role === 'content' ? contentMessage : sidebarMessage;
}
