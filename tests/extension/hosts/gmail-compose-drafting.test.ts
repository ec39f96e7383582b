import { describe, expect, it, vi } from 'vitest';
import { draftInCompose } from '../../../extension/hosts/gmail/compose-drafting.ts';
import { draftButtonTitle, inboxSdkGmailHost } from '../../../extension/hosts/gmail/gmail-host.ts';
import { feedGmailSidebar } from '../../../extension/hosts/gmail/mount.ts';
import type { SidebarFrame } from '../../../extension/hosts/sidebar-frame.ts';
import type { InsertOutcome } from '../../../extension/lib/sidebar-channel.ts';
import type { DraftIntent } from '../../../shared/api/drafts.ts';
import type { RecordSentInput } from '../../../shared/api/style.ts';
import type { HostContext } from '../../../shared/host-context.ts';
import { aComposeView, aThreadView, standInInboxSdk } from '../support/inboxsdk-stand-in.ts';

/** The sidebar frame as the Gmail adapter drives it: what it was shown and asked, and its insertions. */
function recordingFrame() {
  const shown: (HostContext | null)[] = [];
  const draftRequests: (DraftIntent | null)[] = [];
  const recorded: RecordSentInput[] = [];
  let insert: ((text: string, draftId: string | null) => InsertOutcome) | null = null;
  let writing: ((on: boolean, draftId: string | null, stoppedBeforeFlagged: boolean) => void) | null = null;
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
    recordSent: (sent) => recorded.push(sent),
  };
  return {
    frame,
    shown,
    draftRequests,
    /** What the sidebar was given to record as sent drafts. */
    recorded,
    /** The sidebar's Insert (a whole draft with its id): what the content script answers. */
    sidebarInserts: (text: string, draftId: string | null = null) => insert?.(text, draftId) ?? 'no answer',
    /** The sidebar starts or stops writing a draft into the compose; at the end, the draft's id. */
    sidebarWrites: (on: boolean, draftId: string | null = null, stoppedBeforeFlagged = false) =>
      writing?.(on, draftId, stoppedBeforeFlagged),
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

  it('says under the compose that the draft stopped before a flagged sentence, until the CSM dismisses it', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: '18f3a2b4c5d6e7f8' }));
    reply.press(draftButtonTitle);
    sidebar.sidebarWrites(true);
    sidebar.sidebarWrites(false, null, true);
    const [notice] = reply.statusBars;
    expect(notice?.textContent).toMatch(
      /^CSCX stopped before a sentence it flagged .*See the Draft tab\.OK$/,
    );
    notice?.querySelector('button')?.click();
    expect(reply.statusBars).toEqual([]);
  });
});

const draftId = '00000000-0000-4000-8000-00000000d0d0';
const laterDraftId = '00000000-0000-4000-8000-00000000d0d1';
const acmeThreadId = '18f3a2b4c5d6e7f8';
const draft = 'Hi Dana,\n\nThe updated terms follow by Friday.\n\nBest,\nSam';
/** What Gmail keeps under a reply: the message it answers, quoted. */
const quotedHistory =
  '<div class="gmail_quote">On Mon, Apr 20, 2026, Dana Reyes wrote:<blockquote>Can you send the terms?</blockquote></div>';

describe('learning from a sent CSCX draft in Gmail', () => {
  it('passes the body as sent, after the CSM’s edits and without the quoted mail, with the id of the draft the sidebar inserted', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: acmeThreadId }));
    expect(sidebar.sidebarInserts(draft, draftId)).toBe('inserted');
    expect(reply.body).toBe(draft);

    reply.edit(`Hey Dana,<br><br>The updated terms follow by Friday.<br><br>Thanks!<br>Sam${quotedHistory}`);
    reply.send();
    expect(sidebar.recorded).toEqual([
      { draftId, sentText: 'Hey Dana,\n\nThe updated terms follow by Friday.\n\nThanks!\nSam' },
    ]);
  });

  it('passes a draft streamed in at the compose’s "Draft with CSCX" under the id the sidebar gave at its end', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: acmeThreadId }));
    reply.press(draftButtonTitle);
    sidebar.sidebarWrites(true);
    for (const chunk of ['Hi Dana,\n\n', 'The updated terms follow by Friday.'])
      sidebar.sidebarInserts(chunk);
    sidebar.sidebarWrites(false, draftId);
    reply.insertTextIntoBodyAtCursor(' Call me if anything is unclear.');

    reply.send();
    expect(sidebar.recorded).toEqual([
      {
        draftId,
        sentText: 'Hi Dana,\n\nThe updated terms follow by Friday. Call me if anything is unclear.',
      },
    ]);
  });

  it('passes the last draft the compose took, and only that compose’s', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: acmeThreadId }));
    sidebar.sidebarInserts('Hi Dana, the terms.', draftId);
    reply.edit('');
    sidebar.sidebarInserts('Hi Dana, the updated terms.', laterDraftId);
    // A held-back link inserted on its own click is no draft: the compose still holds the later one.
    sidebar.sidebarInserts(' https://acme-robotics.test/terms');
    const other = gmail.openCompose(aComposeView({ subject: 'Seat quote' }));
    other.edit('Hi Dana, the seat quote is attached.');

    other.send();
    expect(sidebar.recorded).toEqual([]);
    reply.send();
    expect(sidebar.recorded).toEqual([
      { draftId: laterDraftId, sentText: 'Hi Dana, the updated terms. https://acme-robotics.test/terms' },
    ]);
  });

  it('passes nothing for a compose that took no CSCX draft: one typed by hand, or a draft stopped midway', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const typed = gmail.openCompose(aComposeView());
    typed.edit('Hi Dana, the seat quote is attached.');
    typed.send();

    const stopped = gmail.openCompose(aComposeView({ replyTo: acmeThreadId }));
    stopped.press(draftButtonTitle);
    sidebar.sidebarWrites(true);
    sidebar.sidebarInserts('Hi Dana, the terms');
    sidebar.sidebarWrites(false, null);
    stopped.send();
    expect(sidebar.recorded).toEqual([]);
  });

  it('passes nothing while Gmail did not send, and the body as it was at the send that went through', () => {
    const { gmail, sidebar } = gmailWithDrafting();
    const reply = gmail.openCompose(aComposeView({ replyTo: acmeThreadId }));
    sidebar.sidebarInserts(draft, draftId);
    reply.sendButGmailRefuses();
    expect(sidebar.recorded).toEqual([]);

    reply.edit('Hi Dana,<br><br>The updated terms follow on Monday.');
    reply.send();
    expect(sidebar.recorded).toEqual([
      { draftId, sentText: 'Hi Dana,\n\nThe updated terms follow on Monday.' },
    ]);
  });

  it('never stands in the way of the send: a body it cannot read or a sidebar that fails is let go', () => {
    const gmail = standInInboxSdk();
    const sidebar = recordingFrame();
    const failing = {
      ...sidebar.frame,
      recordSent: () => {
        throw new Error('Attempting to use a disconnected port object');
      },
    };
    feedGmailSidebar(
      { isInvalid: false, onInvalidated: () => () => {} },
      inboxSdkGmailHost(gmail.sdk),
      failing,
      draftInCompose(failing, () => {}),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reply = gmail.openCompose(aComposeView({ replyTo: acmeThreadId }));
    sidebar.sidebarInserts(draft, draftId);
    expect(() => reply.send()).not.toThrow();

    const unreadable = gmail.openCompose(aComposeView({ replyTo: acmeThreadId }));
    sidebar.sidebarInserts(draft, draftId);
    unreadable.getBodyElement = () => {
      throw new Error('compose view destroyed');
    };
    expect(() => unreadable.send()).not.toThrow();
    expect(warn.mock.calls.map(([words]) => words)).toEqual([
      'CSCX could not pass on the sent Gmail message',
      'CSCX could not read the Gmail compose being sent',
    ]);
    warn.mockRestore();
  });
});
