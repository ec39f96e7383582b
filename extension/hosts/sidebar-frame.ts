import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DraftIntent } from '../../shared/api/drafts.ts';
import type { RecordSentInput } from '../../shared/api/style.ts';
import type { HostContext } from '../../shared/host-context.ts';
import { frameAddress } from '../lib/frame-address.ts';
import {
  type ContentMessage,
  type InsertOutcome,
  newNonce,
  portName,
  type SidebarMessage,
  sidebarMessage,
} from '../lib/sidebar-channel.ts';
import { chromeSidebarPreferences } from '../lib/sidebar-preferences.ts';
import { type ToggleSidebarAnswer, toggleSidebarMessage } from '../lib/sidebar-toggle.ts';
import { dockAtPageEdge, type PageEdgeDock } from './page-edge-dock.ts';

export type HostName = HostContext['host'];

export interface SidebarFrame {
  show(context: HostContext): void;
  /** The page no longer shows anything to look up; the sidebar says so (no frame is created for it). */
  clear(): void;
  /** The user asked the page for a draft: the sidebar opens its Draft tab, once it is ready. */
  requestDraft(intent: DraftIntent | null): void;
  /** How the page puts text the sidebar sends into a compose (Gmail's only), with its draft's id if whole. */
  onInsert(insert: (text: string, draftId: string | null) => InsertOutcome): void;
  /**
   * Told when a draft starts or stops being written into the compose; at the stop, its id if all went
   * in, or that it stopped before a sentence CSCX flagged.
   */
  onWriting(writing: (on: boolean, draftId: string | null, stoppedBeforeFlagged: boolean) => void): void;
  /** The compose's Stop: the sidebar stops the draft. */
  stopDraft(): void;
  /** A compose holding a CSCX draft was sent: the sidebar records it, once it is ready. */
  recordSent(sent: RecordSentInput): void;
}

/** Puts the frame into the page and returns how to take it out again. */
export type FramePlacement = (frame: HTMLIFrameElement, host: HostName) => () => void;

/**
 * Mounts the sidebar page as an iframe and keeps a port to it through the background. The latest context
 * is re-sent whenever the sidebar says it is ready, e.g. after it reloads or the background restarted.
 * The frame is created on the first context, or when the toolbar button or the keyboard command asks for
 * it first. Without a `place` of the host's own (Gmail's sidebar) it is docked at the page's right edge,
 * where those two and the sidebar's "Hide" button collapse it to a tab and back.
 */
export function mountSidebarFrame(
  ctx: ContentScriptContext,
  host: HostName,
  place?: FramePlacement,
): SidebarFrame {
  const { placeFrame, dock } = frameHome(ctx, host, place);
  const nonce = newNonce();
  let latest: HostContext | null = null;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let removeFrame: (() => void) | null = null;
  // The background drops what the sidebar is not connected to hear yet: a draft request waits for "ready".
  let sidebarReady = false;
  let pendingDraft: { intent: DraftIntent | null } | null = null;
  let pendingSent: RecordSentInput[] = [];
  let insert: ((text: string, draftId: string | null) => InsertOutcome) | null = null;
  let writing: ((on: boolean, draftId: string | null, stoppedBeforeFlagged: boolean) => void) | null = null;

  const post = (message: ContentMessage) => port?.postMessage(message);
  const send = () => {
    if (!removeFrame || !port) return;
    post({ type: 'context', context: latest });
  };
  const answer = (message: SidebarMessage) => {
    if (message.type === 'ready') {
      sidebarReady = true;
      send();
      if (pendingDraft) post({ type: 'draft-request', intent: pendingDraft.intent });
      pendingDraft = null;
      for (const sent of pendingSent) post({ type: 'sent', ...sent });
      pendingSent = [];
      return;
    }
    if (message.type === 'writing')
      return writing?.(message.writing, message.draftId ?? null, message.stoppedBeforeFlagged ?? false);
    const outcome = insert ? insert(message.text, message.draftId ?? null) : 'no-compose';
    post({ type: 'insert-result', id: message.id, outcome });
  };
  const connect = () => {
    if (ctx.isInvalid) return;
    port = browser.runtime.connect({ name: portName('content', nonce) });
    port.onMessage.addListener((message: unknown) => {
      const parsed = sidebarMessage.safeParse(message);
      if (parsed.success) answer(parsed.data);
    });
    // The background restarts when idle; reconnect after a pause so a refusal cannot spin.
    port.onDisconnect.addListener(() => {
      port = null;
      sidebarReady = false;
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

  const mount = () => {
    if (removeFrame) return false;
    removeFrame = placeFrame(createFrame(host, nonce, dock !== null), host);
    connect();
    return true;
  };
  if (dock) answerToggles(ctx, dock, mount);

  return {
    show(context) {
      latest = context;
      if (!mount()) send();
    },
    clear() {
      latest = null;
      send();
    },
    requestDraft(intent) {
      mount();
      if (sidebarReady && port) post({ type: 'draft-request', intent });
      else pendingDraft = { intent };
    },
    onInsert(handler) {
      insert = handler;
    },
    onWriting(handler) {
      writing = handler;
    },
    stopDraft() {
      post({ type: 'draft-stop' });
    },
    recordSent(sent) {
      if (sidebarReady && port) post({ type: 'sent', ...sent });
      // A few at most: a sidebar that never gets ready must not make the page hold on to every send.
      else pendingSent = [...pendingSent.slice(-(maxPendingSent - 1)), sent];
    },
  };
}

const maxPendingSent = 10;

function frameHome(ctx: ContentScriptContext, host: HostName, place: FramePlacement | undefined) {
  if (place) return { placeFrame: place, dock: null };
  const dock = dockAtPageEdge(ctx, host, chromeSidebarPreferences(host).collapsed);
  return { placeFrame: dock.place, dock };
}

/** The background's toggle for this tab (keyboard command, toolbar button, the sidebar's "Hide"). */
function answerToggles(ctx: ContentScriptContext, dock: PageEdgeDock, mount: () => boolean): void {
  const listener = (message: unknown, sender: { id?: string }, answer: (a: ToggleSidebarAnswer) => void) => {
    if (sender.id !== browser.runtime.id || !toggleSidebarMessage.safeParse(message).success) return;
    // A page with nothing open has no frame yet: the first toggle opens it (signed out, at sign-in).
    if (mount()) dock.expand();
    else dock.toggle();
    answer({ shown: dock.shown() });
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

function createFrame(host: HostName, nonce: string, docked: boolean): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.src = frameAddress(browser.runtime.getURL('/sidebar.html'), { nonce, host, docked });
  frame.title = 'CSCX customer sidebar';
  Object.assign(frame.style, { border: '0', width: '100%', height: '100%', colorScheme: 'normal' });
  return frame;
}
