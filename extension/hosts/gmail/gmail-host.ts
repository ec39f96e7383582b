import type {
  ComposeButtonDescriptor,
  ComposeView,
  ContentPanelDescriptor,
  ContentPanelView,
  LabelDescriptor,
  MessageView,
  ThreadRowView,
  ThreadView,
} from '@inboxsdk/core';
import type { GmailContext } from '../../../shared/host-context.ts';
import { onComposeSent } from './compose-sent.ts';
import { readComposeContext, readThreadContext } from './read-context.ts';

/**
 * The parts of InboxSDK's views CSCX uses, named with InboxSDK's own types. Events are listed one by
 * one because InboxSDK's emitters return `this`, which a stand-in in a test cannot be.
 */
export type GmailMessageView = Pick<
  MessageView,
  'isLoaded' | 'getSender' | 'getRecipientsFull' | 'getBodyElement' | 'getDateString'
> & {
  on(event: 'load', listener: () => void): unknown;
};
export type GmailThreadView = Pick<ThreadView, 'getSubject' | 'getThreadIDAsync'> & {
  getMessageViewsAll(): GmailMessageView[];
  on(event: 'destroy', listener: () => void): unknown;
};
export type GmailComposeView = Pick<
  ComposeView,
  | 'getToRecipients'
  | 'getCcRecipients'
  | 'getBccRecipients'
  | 'getSubject'
  | 'isReply'
  | 'getThreadID'
  | 'insertTextIntoBodyAtCursor'
  | 'getBodyElement'
> & {
  on(
    event: 'destroy' | 'recipientsChanged' | 'subjectChanged' | 'presending' | 'sendCanceled' | 'sent',
    listener: () => void,
  ): unknown;
  addButton(descriptor: ComposeButtonDescriptor): unknown;
  addStatusBar(options: { height?: number }): { el: HTMLElement; destroy(): void };
};
export type GmailSidebarPanel = Pick<ContentPanelView, 'remove' | 'open'>;
/** One conversation's row in a list of threads (the inbox, a label, search results). */
export type GmailThreadRowView = Pick<ThreadRowView, 'getContacts' | 'addLabel'> & {
  on(event: 'destroy', listener: () => void): unknown;
};

/** What CSCX needs of a loaded InboxSDK instance; the real one is assignable to it. */
export interface GmailSdk {
  Conversations: { registerThreadViewHandler(handler: (view: GmailThreadView) => void): () => void };
  Compose: { registerComposeViewHandler(handler: (view: GmailComposeView) => void): () => void };
  Lists: { registerThreadRowViewHandler(handler: (view: GmailThreadRowView) => void): () => void };
  Global: {
    addSidebarContentPanel(descriptor: ContentPanelDescriptor): Promise<GmailSidebarPanel | null>;
  };
}

/** A thread or compose window the user has open, until it closes. */
export interface OpenGmailView {
  read(): Promise<GmailContext>;
  /** Called when `read()` may answer differently: a collapsed message loaded, a recipient was added. */
  onChange(listener: () => void): void;
  onClose(listener: () => void): void;
}

/** A compose window: a reply or a new message, which takes CSCX's button and its drafts. */
export interface OpenGmailCompose extends OpenGmailView {
  isReply(): boolean;
  /** Adds "Draft with CSCX" to the compose's bottom bar. */
  addDraftButton(onClick: () => void): void;
  /** Plain text at the cursor (Gmail's own, so its undo and the draft's autosave work as for typing). */
  insertText(text: string): void;
  /** A bar under the compose while CSCX writes into it, with a Stop; returns how to take it away. */
  showWriting(onStop: () => void): () => void;
  /** A bar under the compose that says something until the user dismisses it or the compose goes. */
  showNotice(text: string): void;
  /** Called once the compose was sent, with its body as plain text (the quoted history left out). */
  onSent(listener: (sentText: string) => void): void;
}

/** A thread's row in a list, while Gmail shows it. */
export interface ShownGmailThreadRow {
  /** The addresses the row names (its senders and recipients as Gmail lists them). */
  addresses(): string[];
  /** A small label beside the subject; InboxSDK keeps it there when Gmail redraws the row. */
  addLabel(label: LabelDescriptor): void;
  onClose(listener: () => void): void;
}

/** Gmail as the adapter sees it; `inboxSdkGmailHost` is the real one. Each `on…` returns its undo. */
export interface GmailHost {
  onThreadOpened(handler: (thread: OpenGmailView) => void): () => void;
  onComposeOpened(handler: (compose: OpenGmailCompose) => void): () => void;
  onThreadRowShown(handler: (row: ShownGmailThreadRow) => void): () => void;
  /** Adds CSCX's panel to Gmail's right-hand sidebar; null where Gmail has no sidebar. */
  openSidebarPanel(el: HTMLElement): Promise<GmailSidebarPanel | null>;
}

export const panelTitle = 'CSCX';
export const draftButtonTitle = 'Draft with CSCX';

/** A small "C" badge, inline so Gmail can show it without the image being web-accessible. */
export const cscxIconUrl = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="6" fill="#3b5bdb"/><path d="M16.5 8.2a5 5 0 1 0 0 7.6" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/></svg>',
)}`;

export function inboxSdkGmailHost(sdk: GmailSdk): GmailHost {
  return {
    onThreadOpened: (handler) =>
      sdk.Conversations.registerThreadViewHandler((thread) => {
        handler({
          read: () => readThreadContext(thread),
          onChange: (listener) => {
            for (const message of thread.getMessageViewsAll())
              if (!message.isLoaded()) message.on('load', listener);
          },
          onClose: (listener) => thread.on('destroy', listener),
        });
      }),
    onComposeOpened: (handler) =>
      sdk.Compose.registerComposeViewHandler((compose) => {
        handler({
          read: async () => readComposeContext(compose),
          onChange: (listener) => {
            compose.on('recipientsChanged', listener);
            compose.on('subjectChanged', listener);
          },
          onClose: (listener) => compose.on('destroy', listener),
          isReply: () => compose.isReply(),
          addDraftButton: (onClick) =>
            compose.addButton({
              title: draftButtonTitle,
              tooltip: 'Draft this email in CSCX’s sidebar',
              iconUrl: cscxIconUrl,
              onClick,
            }),
          insertText: (text) => void compose.insertTextIntoBodyAtCursor(text),
          showWriting: (onStop) => {
            const bar = compose.addStatusBar({ height: 36 });
            bar.el.append(writingNotice(onStop));
            return () => bar.destroy();
          },
          showNotice: (text) => {
            const bar = compose.addStatusBar({ height: 36 });
            bar.el.append(noticeRow(text, () => bar.destroy()));
          },
          onSent: (listener) => onComposeSent(compose, listener),
        });
      }),
    onThreadRowShown: (handler) =>
      sdk.Lists.registerThreadRowViewHandler((row) =>
        handler({
          addresses: () => row.getContacts().map((c) => c.emailAddress),
          addLabel: (label) => row.addLabel(label),
          onClose: (listener) => row.on('destroy', listener),
        }),
      ),
    openSidebarPanel: (el) =>
      sdk.Global.addSidebarContentPanel({ el, title: panelTitle, iconUrl: cscxIconUrl }),
  };
}

/** A notice from CSCX and its OK, in the compose's status bar. */
function noticeRow(text: string, onDismiss: () => void): HTMLElement {
  const row = document.createElement('div');
  row.setAttribute('data-cscx-notice', '');
  row.setAttribute('role', 'status');
  Object.assign(row.style, { display: 'flex', alignItems: 'center', gap: '8px', padding: '4px 12px' });
  const words = document.createElement('span');
  words.textContent = text;
  const ok = document.createElement('button');
  ok.type = 'button';
  ok.textContent = 'OK';
  ok.addEventListener('click', onDismiss);
  row.append(words, ok);
  return row;
}

/** "CSCX is writing a draft here…" and its Stop, in the compose's status bar. */
function writingNotice(onStop: () => void): HTMLElement {
  const row = document.createElement('div');
  row.setAttribute('data-cscx-writing', '');
  Object.assign(row.style, { display: 'flex', alignItems: 'center', gap: '8px', padding: '4px 12px' });
  const words = document.createElement('span');
  words.textContent = 'CSCX is writing a draft here…';
  const stop = document.createElement('button');
  stop.type = 'button';
  stop.textContent = 'Stop';
  stop.addEventListener('click', onStop);
  row.append(words, stop);
  return row;
}
