import { describe, expect, it, vi } from 'vitest';
import { draftInCompose } from '../../../extension/hosts/gmail/compose-drafting.ts';
import { draftButtonTitle, inboxSdkGmailHost } from '../../../extension/hosts/gmail/gmail-host.ts';
import { feedGmailSidebar } from '../../../extension/hosts/gmail/mount.ts';
import type { SidebarFrame } from '../../../extension/hosts/sidebar-frame.ts';
import type { InsertOutcome } from '../../../extension/lib/sidebar-channel.ts';
import type { DraftIntent } from '../../../shared/api/drafts.ts';
import type { HostContext } from '../../../shared/host-context.ts';
import { aComposeView, aThreadView, standInInboxSdk } from '../support/inboxsdk-stand-in.ts';

/** The sidebar frame as the Gmail adapter drives it: what it was shown and asked, and its insertions. */
function recordingFrame() {
  const shown: (HostContext | null)[] = [];
  const draftRequests: (DraftIntent | null)[] = [];
  let insert: ((text: string) => InsertOutcome) | null = null;
  let writing: ((on: boolean) => void) | null = null;
  let stops = 0;
  const frame: SidebarFrame = {
    show: (context) => shown.push(context),
    clear: () => shown.push(null),
    requestDraft: (intent) => draftRequests.push(intent),
    onInsert: (handler) => {
      insert = handler;
    },
    onWriting: (handler) => {
      writing = handler;
    },
    stopDraft: () => {
      stops++;
    },
  };
  return {
    frame,
    shown,
    draftRequests,
    /** The sidebar's Insert: what the content script answers. */
    sidebarInserts: (text: string) => insert?.(text) ?? 'no answer',
    /** The sidebar starts or stops writing a draft into the compose. */
    sidebarWrites: (on: boolean) => writing?.(on),
    stops: () => stops,
  };
}

function gmailWithDrafting() {
  const gmail = standInInboxSdk();
  const sidebar = recordingFrame();
  let panelOpened = 0;
  const lifetime = { isInvalid: false, onInvalidated: () => () => {} };
  feedGmailSidebar(
    lifetime,
    inboxSdkGmailHost(gmail.sdk),
    sidebar.frame,
    draftInCompose(sidebar.frame, () => panelOpened++),
  );
  return { gmail, sidebar, panelOpened: () => panelOpened };
}

const subjectOf = (context: HostContext | null | undefined) =>
  context?.host === 'gmail' ? context.subject : null;

describe('drafting in Gmail’s compose', () => {
  it('puts a "Draft with CSCX" button with CSCX’s badge on every compose', () => {
    const { gmail } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: '18f3a2b4c5d6e7f8' }));
    const fresh = gmail.openCompose(aComposeView());
    for (const compose of [reply, fresh]) {
      expect(compose.buttons.map((b) => b.title)).toEqual([draftButtonTitle]);
      expect(compose.buttons[0]?.iconUrl).toMatch(/^data:image\/svg\+xml,/);
    }
  });

  it('opens the sidebar panel and asks for a reply when the button is pressed on a reply, nothing more on a new message', () => {
    const { gmail, sidebar, panelOpened } = gmailWithDrafting();
    gmail.openCompose(aComposeView({ replyTo: '18f3a2b4c5d6e7f8' })).press(draftButtonTitle);
    gmail.openCompose(aComposeView()).press(draftButtonTitle);
    expect(sidebar.draftRequests).toEqual(['reply', null]);
    expect(panelOpened()).toBe(2);
  });

  it('shows the pressed compose’s context again when it was not the latest', async () => {
    const { gmail, sidebar } = gmailWithDrafting();
    gmail.openThread(aThreadView());
    const first = gmail.openCompose(aComposeView({ subject: 'Seat quote' }));
    gmail.openCompose(aComposeView({ subject: 'Renewal date' }));
    await vi.waitFor(() => expect(subjectOf(sidebar.shown.at(-1))).toBe('Renewal date'));
    first.press(draftButtonTitle);
    await vi.waitFor(() => expect(subjectOf(sidebar.shown.at(-1))).toBe('Seat quote'));
  });

  it('inserts the sidebar’s text at the cursor of the compose used last, as plain text', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: '18f3a2b4c5d6e7f8' }));
    const other = gmail.openCompose(aComposeView({ subject: 'Seat quote' }));
    expect(sidebar.sidebarInserts('Hi Dana,\n')).toBe('inserted');
    expect(other.body).toBe('Hi Dana,\n');

    reply.press(draftButtonTitle);
    expect(sidebar.sidebarInserts('<b>Hi Dana,</b>')).toBe('inserted');
    expect(reply.body).toBe('<b>Hi Dana,</b>');
    expect(other.body).toBe('Hi Dana,\n');
  });

  it('answers that no compose is open once every compose closed', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    expect(sidebar.sidebarInserts('Hi')).toBe('no-compose');
    const compose = gmail.openCompose(aComposeView());
    compose.close();
    expect(sidebar.sidebarInserts('Hi')).toBe('no-compose');
  });

  it('answers that Gmail refused the text when InboxSDK throws', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const compose = gmail.openCompose(aComposeView());
    compose.insertTextIntoBodyAtCursor = () => {
      throw new Error('compose view destroyed');
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(sidebar.sidebarInserts('Hi')).toBe('failed');
    warn.mockRestore();
  });

  it('shows a Stop under the compose while a draft is written into it, which stops the sidebar’s draft', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: '18f3a2b4c5d6e7f8' }));
    reply.press(draftButtonTitle);
    sidebar.sidebarWrites(true);
    const [bar] = reply.statusBars;
    expect(bar?.textContent).toBe('CSCX is writing a draft here…Stop');
    bar?.querySelector('button')?.click();
    expect(sidebar.stops()).toBe(1);
    sidebar.sidebarWrites(false);
    expect(reply.statusBars).toEqual([]);
  });
});
