import { browser } from 'wxt/browser';
import type { DraftIntent } from '../../shared/api/drafts.ts';
import type { RecordSentInput } from '../../shared/api/style.ts';
import type { HostContext } from '../../shared/host-context.ts';
import {
  type ContentMessage,
  contentMessage,
  type InsertOutcome,
  nonceParam,
  portName,
  type SidebarMessage,
} from './sidebar-channel.ts';

/** Where the sidebar learns what the host page shows. */
export interface HostContextSource {
  subscribe(onContext: (context: HostContext | null) => void): () => void;
}

/** `no-answer`: the page did not answer in time (no content script, or it was reloading). */
export type ComposeInsertOutcome = InsertOutcome | 'no-answer';

/** Gmail's compose as the sidebar may use it: the page asks for drafts, the sidebar inserts text. */
export interface HostCompose {
  /** The user asked the page for a draft (a compose's "Draft with CSCX"); null keeps the sidebar's intent. */
  onDraftRequest(listener: (intent: DraftIntent | null) => void): () => void;
  /** Puts text into the compose the user has open, at its cursor; a whole draft goes with its id. */
  insert(text: string, draftId?: string): Promise<ComposeInsertOutcome>;
  /**
   * A draft is being written into the compose (Gmail shows a Stop under it), or no longer is; at the
   * end, the draft's id when all of it went in, or that it stopped before a flagged sentence.
   */
  setWriting(writing: boolean, draftId?: string, stoppedBeforeFlagged?: boolean): void;
  /** The user pressed that Stop. */
  onStop(listener: () => void): () => void;
  /** A compose holding a CSCX draft was sent: the draft's id and the body as sent. */
  onSent(listener: (sent: RecordSentInput) => void): () => void;
}

const insertAnswerMs = 5_000;

/**
 * The sidebar's end of the channel: one port named by the nonce in this page's URL, opened with the
 * first listener. On (re)connect it says "ready" and the content script answers with its latest
 * context.
 */
export function portHostChannel(location: Location): {
  hostContext: HostContextSource;
  compose: HostCompose;
} {
  const nonce = new URLSearchParams(location.search).get(nonceParam);
  const contextListeners = new Set<(context: HostContext | null) => void>();
  const requestListeners = new Set<(intent: DraftIntent | null) => void>();
  const stopListeners = new Set<() => void>();
  const sentListeners = new Set<(sent: RecordSentInput) => void>();
  const pendingInserts = new Map<string, (outcome: ComposeInsertOutcome) => void>();
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  const listening = () =>
    contextListeners.size + requestListeners.size + stopListeners.size + sentListeners.size > 0;

  const receive = (message: ContentMessage) => {
    if (message.type === 'context') for (const listener of contextListeners) listener(message.context);
    else if (message.type === 'draft-request')
      for (const listener of requestListeners) listener(message.intent);
    else if (message.type === 'draft-stop') for (const listener of stopListeners) listener();
    else if (message.type === 'sent')
      for (const listener of sentListeners)
        listener({ draftId: message.draftId, sentText: message.sentText });
    else pendingInserts.get(message.id)?.(message.outcome);
  };
  const connect = () => {
    if (!nonce || port || !listening()) return;
    const opened = browser.runtime.connect({ name: portName('sidebar', nonce) });
    port = opened;
    opened.onMessage.addListener((message: unknown) => {
      const parsed = contentMessage.safeParse(message);
      if (parsed.success) receive(parsed.data);
    });
    // The background restarts when idle; reconnect after a pause so a refusal cannot spin.
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
      setTimeout(connect, 250);
    });
    post({ type: 'ready' });
  };
  const post = (message: SidebarMessage) => port?.postMessage(message);
  const listen = <T>(listeners: Set<T>, listener: T) => {
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
      if (listening()) return;
      const open = port;
      port = null;
      open?.disconnect();
    };
  };

  return {
    hostContext: { subscribe: (onContext) => listen(contextListeners, onContext) },
    compose: {
      onDraftRequest: (listener) => listen(requestListeners, listener),
      onStop: (listener) => listen(stopListeners, listener),
      onSent: (listener) => listen(sentListeners, listener),
      setWriting: (writing, draftId, stoppedBeforeFlagged) =>
        post({ type: 'writing', writing, draftId, stoppedBeforeFlagged }),
      insert: (text, draftId) =>
        new Promise((resolve) => {
          if (!port) return resolve('no-answer');
          const id = crypto.randomUUID();
          const settle = (outcome: ComposeInsertOutcome) => {
            clearTimeout(timer);
            pendingInserts.delete(id);
            resolve(outcome);
          };
          const timer = setTimeout(() => settle('no-answer'), insertAnswerMs);
          pendingInserts.set(id, settle);
          post({ type: 'insert', id, text, draftId });
        }),
    },
  };
}
