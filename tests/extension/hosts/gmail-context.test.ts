import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inboxSdkGmailHost, type OpenGmailView } from '../../../extension/hosts/gmail/gmail-host.ts';
import { feedGmailSidebar, type Lifetime, sidebarPanel } from '../../../extension/hosts/gmail/mount.ts';
import type { SidebarFrame } from '../../../extension/hosts/sidebar-frame.ts';
import { type GmailContext, type HostContext, hostContext } from '../../../shared/host-context.ts';
import {
  aComposeView,
  acmeThreadMessages,
  aMessageView,
  aThreadView,
  dana,
  li,
  sam,
  standInInboxSdk,
} from '../support/inboxsdk-stand-in.ts';

/** What the adapter reads when InboxSDK reports a view opening. */
async function contextOf(open: (gmail: ReturnType<typeof standInInboxSdk>) => void): Promise<GmailContext> {
  const gmail = standInInboxSdk();
  const host = inboxSdkGmailHost(gmail.sdk);
  const opened: OpenGmailView[] = [];
  host.onThreadOpened((view) => opened.push(view));
  host.onComposeOpened((view) => opened.push(view));
  open(gmail);
  const [view] = opened;
  if (!view) throw new Error('no view opened');
  return view.read();
}

function recordingSidebar(): Pick<SidebarFrame, 'show' | 'clear'> & { shown: (HostContext | null)[] } {
  const shown: (HostContext | null)[] = [];
  return { shown, show: (context) => shown.push(context), clear: () => shown.push(null) };
}

function contentScriptLifetime(): Lifetime & { invalidate(): void } {
  const callbacks: Array<() => void> = [];
  const lifetime = {
    isInvalid: false,
    onInvalidated(callback: () => void) {
      callbacks.push(callback);
      return () => {};
    },
    invalidate() {
      lifetime.isInvalid = true;
      for (const callback of callbacks) callback();
    },
  };
  return lifetime;
}

function gmailPeople(context: HostContext | null | undefined) {
  return context?.host === 'gmail' ? context.participants : [];
}

function feed() {
  const gmail = standInInboxSdk();
  const sidebar = recordingSidebar();
  const lifetime = contentScriptLifetime();
  feedGmailSidebar(lifetime, inboxSdkGmailHost(gmail.sdk), sidebar);
  const last = () => sidebar.shown.at(-1);
  return { gmail, sidebar, lifetime, last };
}

// Gmail writes a message's time in the browser's zone: read here as a CSM in California would see it.
const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('the Gmail adapter reading an opened thread', () => {
  it('gives the subject, the thread id, every participant with their name and role, and the texts', async () => {
    const context = await contextOf((gmail) => gmail.openThread(aThreadView()));
    expect(context).toEqual({
      host: 'gmail',
      view: 'thread',
      threadId: '18f3a2b4c5d6e7f8',
      subject: 'Renewal terms and SSO rollout',
      participants: [
        { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes', roles: ['from', 'recipient'] },
        { email: 'csm@cscx.localhost', name: 'Sam Carter', roles: ['from', 'recipient'] },
        { email: 'li.wei@acme-robotics.test', name: 'Li Wei', roles: ['recipient'] },
      ],
      messages: [
        {
          from: 'dana.reyes@acme-robotics.test',
          fromName: 'Dana Reyes',
          sentAt: '2026-04-21T09:12:00-07:00',
          text: [
            'Hi Sam,',
            '',
            'Before we sign the renewal we need two things:',
            'the SSO rollout finished for the Berlin team',
            'a quote for 40 more seats',
            'Can you send the updated terms by Friday?',
            '',
            'Thanks,',
            'Dana',
          ].join('\n'),
        },
        {
          from: 'csm@cscx.localhost',
          fromName: 'Sam Carter',
          sentAt: '2026-04-21T11:40:00-07:00',
          text: 'Hi Dana,\n\nBerlin is on SSO since Monday. The seat quote follows tomorrow.\n\nSam',
        },
      ],
    });
    expect(hostContext.safeParse(context).success).toBe(true);
  });

  it('leaves out the quoted history a reply repeats', async () => {
    const context = await contextOf((gmail) => gmail.openThread(aThreadView()));
    const reply = context.view === 'thread' ? context.messages[1]?.text : '';
    expect(reply).not.toContain('wrote:');
    expect(reply).not.toContain('Before we sign');
  });

  it('skips messages Gmail has not loaded (collapsed, never opened) and addresses that are not emails', async () => {
    const collapsed = aMessageView({ sender: li, recipients: [sam], loaded: false });
    const odd = aMessageView({ sender: dana, recipients: [{ emailAddress: 'undisclosed-recipients:;' }] });
    const context = await contextOf((gmail) => gmail.openThread(aThreadView({ messages: [collapsed, odd] })));
    expect(context.participants).toEqual([
      { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes', roles: ['from'] },
    ]);
    expect(context.view === 'thread' && context.messages).toEqual([
      {
        from: 'dana.reyes@acme-robotics.test',
        fromName: 'Dana Reyes',
        sentAt: '2026-04-20T16:05:00-07:00',
        text: 'Hello',
      },
    ]);
  });

  it('gives no date for a message whose page shows none or shows it in words it cannot read', async () => {
    const undated = aMessageView({ dateString: null });
    const german = aMessageView({ dateString: 'Di., 21. Apr. 2026, 09:12' });
    const context = await contextOf((gmail) =>
      gmail.openThread(aThreadView({ messages: [undated, german] })),
    );
    expect(context.view === 'thread' && context.messages.map((m) => m.sentAt)).toEqual([null, null]);
  });

  it('still accepts a thread read before messages carried a name and a date, as having neither', () => {
    const older = {
      host: 'gmail',
      view: 'thread',
      threadId: '18f3a2b4c5d6e7f8',
      subject: 'Renewal terms',
      participants: [],
      messages: [{ from: 'dana.reyes@acme-robotics.test', text: 'Hello' }],
    };
    expect(hostContext.parse(older)).toMatchObject({
      messages: [{ from: 'dana.reyes@acme-robotics.test', fromName: '', sentAt: null, text: 'Hello' }],
    });
  });

  it('keeps a huge thread within the schema the sidebar accepts', async () => {
    const body = document.createElement('div');
    body.textContent = 'word '.repeat(10_000);
    const messages = Array.from({ length: 120 }, () => aMessageView({ body }));
    const context = await contextOf((gmail) =>
      gmail.openThread(aThreadView({ subject: 'S'.repeat(5000), messages })),
    );
    expect(hostContext.safeParse(context).success).toBe(true);
  });
});

describe('the Gmail adapter reading a compose window', () => {
  it('gives the recipients split into To, Cc and Bcc, with names where Gmail has them', async () => {
    const context = await contextOf((gmail) =>
      gmail.openCompose(
        aComposeView({ to: [dana], cc: [{ emailAddress: 'Li.Wei@Acme-Robotics.test' }], bcc: [sam] }),
      ),
    );
    expect(context).toEqual({
      host: 'gmail',
      view: 'compose',
      threadId: null,
      subject: 'Seat quote',
      participants: [
        { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes', roles: ['to'] },
        { email: 'li.wei@acme-robotics.test', name: '', roles: ['cc'] },
        { email: 'csm@cscx.localhost', name: 'Sam Carter', roles: ['bcc'] },
      ],
    });
    expect(hostContext.safeParse(context).success).toBe(true);
  });

  it('names the thread a reply belongs to', async () => {
    const context = await contextOf((gmail) =>
      gmail.openCompose(aComposeView({ replyTo: '18f3a2b4c5d6e7f8', subject: 'Re: Renewal terms' })),
    );
    expect(context).toMatchObject({ view: 'compose', threadId: '18f3a2b4c5d6e7f8' });
  });
});

describe('the Gmail sidebar feed', () => {
  it('shows the opened thread’s context in the sidebar', async () => {
    const { gmail, last } = feed();
    gmail.openThread(aThreadView());
    await vi.waitFor(() => expect(last()).toMatchObject({ host: 'gmail', view: 'thread' }));
    expect(hostContext.parse(last()).host).toBe('gmail');
  });

  it('shows a compose window over the thread, follows its recipients, and returns to the thread when it closes', async () => {
    const { gmail, sidebar, last } = feed();
    const thread = gmail.openThread(aThreadView());
    await vi.waitFor(() => expect(last()).toMatchObject({ view: 'thread' }));
    const compose = gmail.openCompose(aComposeView({ to: [dana] }));
    await vi.waitFor(() => expect(last()).toMatchObject({ view: 'compose' }));
    compose.addTo(li);
    await vi.waitFor(() =>
      expect(gmailPeople(last()).map((p) => p.email)).toEqual([
        'dana.reyes@acme-robotics.test',
        'li.wei@acme-robotics.test',
      ]),
    );
    compose.close();
    await vi.waitFor(() => expect(last()).toMatchObject({ view: 'thread' }));
    thread.close();
    await vi.waitFor(() => expect(last()).toBeNull());
    expect(sidebar.shown.map((c) => (c?.host === 'gmail' ? c.view : c))).toEqual([
      'thread',
      'compose',
      'compose',
      'thread',
      null,
    ]);
  });

  it('adds a collapsed message once the user opens it', async () => {
    const [question, reply] = acmeThreadMessages();
    const collapsed = aMessageView({ sender: li, recipients: [dana], loaded: false });
    const { gmail, last } = feed();
    gmail.openThread(aThreadView({ messages: [question ?? collapsed, collapsed, reply ?? collapsed] }));
    await vi.waitFor(() => expect(gmailPeople(last())).toHaveLength(3));
    expect(gmailPeople(last())[2]?.roles).toEqual(['recipient']);
    collapsed.load();
    await vi.waitFor(() => expect(gmailPeople(last())[2]?.roles).toEqual(['from', 'recipient']));
  });

  it('does not send the same context twice', async () => {
    const { gmail, sidebar } = feed();
    const compose = gmail.openCompose(aComposeView());
    await vi.waitFor(() => expect(sidebar.shown).toHaveLength(1));
    compose.emit('subjectChanged');
    compose.emit('recipientsChanged');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sidebar.shown).toHaveLength(1);
  });

  it('stops listening to Gmail when the content script is invalidated', async () => {
    const { gmail, sidebar, lifetime } = feed();
    lifetime.invalidate();
    gmail.openThread(aThreadView());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sidebar.shown).toEqual([]);
  });
});

describe('the Gmail sidebar panel', () => {
  it('puts the sidebar frame into an InboxSDK content panel titled CSCX, and removes the panel with it', async () => {
    const gmail = standInInboxSdk();
    const frame = document.createElement('iframe');
    const remove = sidebarPanel(inboxSdkGmailHost(gmail.sdk)).place(frame, 'gmail');
    const [panel] = gmail.panels;
    expect(panel?.descriptor.title).toBe('CSCX');
    expect(panel?.descriptor.iconUrl).toMatch(/^data:image\/svg\+xml,/);
    expect(panel?.descriptor.el.contains(frame)).toBe(true);
    remove();
    await vi.waitFor(() => expect(panel?.removed).toBe(true));
  });

  it('opens the panel on demand, once it was added', async () => {
    const gmail = standInInboxSdk();
    const panel = sidebarPanel(inboxSdkGmailHost(gmail.sdk));
    panel.open();
    panel.place(document.createElement('iframe'), 'gmail');
    panel.open();
    await vi.waitFor(() => expect(gmail.panels[0]?.opened).toBe(1));
  });
});
