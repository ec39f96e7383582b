import { z } from 'zod';
import { id } from '../../shared/api/common.ts';
import { draftIntents } from '../../shared/api/drafts.ts';
import { recordSentInput } from '../../shared/api/style.ts';
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

/** Whether a text sent to Gmail went into a compose; `no-compose`: none is open; `failed`: Gmail refused it. */
export const insertOutcomes = ['inserted', 'no-compose', 'failed'] as const;
export type InsertOutcome = (typeof insertOutcomes)[number];

/** Longer than any draft: a text a compose is asked to take. */
const maxInsertedText = 20_000;
const requestId = z.string().min(1).max(64);

/**
 * A null context means the page shows nothing to look up any more (e.g. Gmail went back to the inbox).
 * A draft request is the user asking the page for a draft (Gmail's "Draft with CSCX" on a compose),
 * with the intent the compose implies (a reply), or null to keep the sidebar's; "draft-stop" is the
 * Stop the compose shows while a draft is written into it; "sent": a compose holding a CSCX draft was
 * sent, with its body as the CSM sent it, for the sidebar to record.
 */
export const contentMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('context'), context: hostContext.nullable() }),
  z.object({ type: z.literal('draft-request'), intent: z.enum(draftIntents).nullable() }),
  z.object({ type: z.literal('insert-result'), id: requestId, outcome: z.enum(insertOutcomes) }),
  z.object({ type: z.literal('draft-stop') }),
  recordSentInput.extend({ type: z.literal('sent') }),
]);
export type ContentMessage = z.infer<typeof contentMessage>;

/**
 * "ready" on (re)connect; "insert" puts text into the open compose at its cursor, as plain text, with
 * the id of the draft it is when it is a whole one; "writing" says a draft is being written into the
 * compose (its Stop shows) or no longer is, and then the draft's id once all of it went in. The compose
 * remembers the id of the last whole draft it took, so its sending can be recorded against that draft.
 */
export const sidebarMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('insert'),
    id: requestId,
    text: z.string().min(1).max(maxInsertedText),
    draftId: id.optional(),
  }),
  z.object({
    type: z.literal('writing'),
    writing: z.boolean(),
    draftId: id.optional(),
    /** The writing stopped before a sentence CSCX flagged: the compose says so. */
    stoppedBeforeFlagged: z.boolean().optional(),
  }),
]);
export type SidebarMessage = z.infer<typeof sidebarMessage>;

export function messageSchemaFrom(role: PortRole) {
  return role === 'content' ? contentMessage : sidebarMessage;
}
