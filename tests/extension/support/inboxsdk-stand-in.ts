import type {
  ComposeButtonDescriptor,
  Contact,
  ContactNameOptional,
  ContentPanelDescriptor,
  LabelDescriptor,
} from '@inboxsdk/core';
import type {
  GmailComposeView,
  GmailMessageView,
  GmailSdk,
  GmailSidebarPanel,
  GmailThreadRowView,
  GmailThreadView,
} from '../../../extension/hosts/gmail/gmail-host.ts';
import { fixtureDocument } from './fixture-page.ts';

/**
 * Stand-ins for the InboxSDK views the Gmail adapter uses, typed by InboxSDK's own declarations through
 * `GmailSdk`: Gmail itself cannot be reached here, so these play the part of what InboxSDK would report.
 */
class Events<Name extends string> {
  readonly #listeners = new Map<Name, Array<() => void>>();
  on(event: Name, listener: () => void): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: Name): void {
    for (const listener of this.#listeners.get(event) ?? []) listener();
  }
}

/** The message bodies of the reconstructed Gmail thread (tests/fixtures/gmail/thread-acme.html). */
export function acmeThreadBodies(): HTMLElement[] {
  return [...fixtureDocument('gmail', 'thread-acme.html').querySelectorAll<HTMLElement>('div.a3s')];
}

/** Each message's full date as InboxSDK's `getDateString()` reads it: the title of its `.gK .g3`. */
export function acmeThreadDateStrings(): string[] {
  return [...fixtureDocument('gmail', 'thread-acme.html').querySelectorAll('div.adn .gK .g3')].map(
    (el) => el.getAttribute('title') ?? '',
  );
}

export const dana: Contact = { name: 'Dana Reyes', emailAddress: 'dana.reyes@acme-robotics.test' };
export const sam: Contact = { name: 'Sam Carter', emailAddress: 'csm@cscx.localhost' };
export const li: Contact = { name: 'Li Wei', emailAddress: 'li.wei@acme-robotics.test' };

export interface MessageSpec {
  sender: Contact;
  recipients: ContactNameOptional[];
  body: HTMLElement;
  /** What Gmail's date element's title says; null when the page shows none (InboxSDK then throws). */
  dateString: string | null;
  loaded: boolean;
}

export class StandInMessageView extends Events<'load'> implements GmailMessageView {
  constructor(private spec: MessageSpec) {
    super();
  }
  isLoaded() {
    return this.spec.loaded;
  }
  getSender(): Contact {
    if (!this.spec.loaded) throw new Error('tried to get message sender before message is loaded');
    return this.spec.sender;
  }
  async getRecipientsFull() {
    return this.spec.loaded ? this.spec.recipients : [];
  }
  getBodyElement() {
    return this.spec.body;
  }
  getDateString(): string {
    if (this.spec.dateString === null) throw new Error('Failed to find element for selector');
    return this.spec.dateString;
  }
  /** The user expanded a collapsed message. */
  load() {
    this.spec = { ...this.spec, loaded: true };
    this.emit('load');
  }
}

export function aMessageView(overrides: Partial<MessageSpec> = {}): StandInMessageView {
  const body = document.createElement('div');
  body.textContent = 'Hello';
  return new StandInMessageView({
    sender: dana,
    recipients: [sam],
    body,
    dateString: 'Mon, Apr 20, 2026, 4:05 PM',
    loaded: true,
    ...overrides,
  });
}

/** Dana's question to Sam and Li, then Sam's reply quoting it: the fixture thread. */
export function acmeThreadMessages(): StandInMessageView[] {
  const [question, reply] = acmeThreadBodies();
  const [asked, answered] = acmeThreadDateStrings();
  return [
    aMessageView({
      sender: dana,
      recipients: [sam, li],
      ...(question ? { body: question } : {}),
      ...(asked ? { dateString: asked } : {}),
    }),
    aMessageView({
      sender: sam,
      recipients: [dana, { emailAddress: li.emailAddress }],
      ...(reply ? { body: reply } : {}),
      ...(answered ? { dateString: answered } : {}),
    }),
  ];
}

export class StandInThreadView extends Events<'destroy'> implements GmailThreadView {
  constructor(
    private subject: string,
    private threadId: string,
    private messages: StandInMessageView[],
  ) {
    super();
  }
  getSubject() {
    return this.subject;
  }
  async getThreadIDAsync() {
    return this.threadId;
  }
  getMessageViewsAll() {
    return this.messages;
  }
  close() {
    this.emit('destroy');
  }
}

export function aThreadView(
  overrides: { subject?: string; threadId?: string; messages?: StandInMessageView[] } = {},
): StandInThreadView {
  return new StandInThreadView(
    overrides.subject ?? 'Renewal terms and SSO rollout',
    overrides.threadId ?? '18f3a2b4c5d6e7f8',
    overrides.messages ?? acmeThreadMessages(),
  );
}

export interface ComposeSpec {
  to: ContactNameOptional[];
  cc: ContactNameOptional[];
  bcc: ContactNameOptional[];
  subject: string;
  replyTo: string | null;
}

export class StandInComposeView
  extends Events<'destroy' | 'recipientsChanged' | 'subjectChanged' | 'presending' | 'sendCanceled' | 'sent'>
  implements GmailComposeView
{
  /** The buttons added to the compose's bar. */
  readonly buttons: ComposeButtonDescriptor[] = [];
  /** Gmail's editable body, with the cursor at its end. */
  readonly bodyElement = document.createElement('div');
  constructor(private spec: ComposeSpec) {
    super();
    document.body.append(this.bodyElement);
  }
  /** The body as plain text: its text with each line break a newline. */
  get body(): string {
    return [...this.bodyElement.childNodes]
      .map((node) => (node.nodeName === 'BR' ? '\n' : (node.textContent ?? '')))
      .join('');
  }
  addButton(descriptor: ComposeButtonDescriptor) {
    this.buttons.push(descriptor);
  }
  /** As InboxSDK inserts text: escaped, each newline a `<br>`. */
  insertTextIntoBodyAtCursor(text: string) {
    text.split('\n').forEach((line, index) => {
      if (index > 0) this.bodyElement.append(document.createElement('br'));
      if (line) this.bodyElement.append(document.createTextNode(line));
    });
    return null;
  }
  getBodyElement() {
    return this.bodyElement;
  }
  /** The user rewrote the body; Gmail keeps what they typed as HTML. */
  edit(html: string) {
    this.bodyElement.innerHTML = html;
  }
  /** The user pressed Send and Gmail sent it: InboxSDK's events in their order, the compose then gone. */
  send() {
    this.emit('presending');
    this.emit('sent');
    this.close();
  }
  /** The user pressed Send and Gmail did not send it (an address it refused, a failed send). */
  sendButGmailRefuses() {
    this.emit('presending');
    this.emit('sendCanceled');
  }
  /** The status bars shown under the compose now. */
  readonly statusBars: HTMLElement[] = [];
  addStatusBar() {
    const el = document.createElement('div');
    this.statusBars.push(el);
    return {
      el,
      destroy: () => {
        this.statusBars.splice(this.statusBars.indexOf(el), 1);
      },
    };
  }
  /** The user pressed the button with this title. */
  press(title: string) {
    const button = this.buttons.find((b) => b.title === title);
    if (!button) throw new Error(`no compose button ${title}`);
    // CSCX's handler reads nothing of the click event, whose view is InboxSDK's whole ComposeView class.
    button.onClick({ composeView: this } as unknown as Parameters<ComposeButtonDescriptor['onClick']>[0]);
  }
  getToRecipients() {
    return this.spec.to;
  }
  getCcRecipients() {
    return this.spec.cc;
  }
  getBccRecipients() {
    return this.spec.bcc;
  }
  getSubject() {
    return this.spec.subject;
  }
  isReply() {
    return this.spec.replyTo !== null;
  }
  getThreadID() {
    return this.spec.replyTo ?? '';
  }
  /** The user typed another recipient into the To field. */
  addTo(contact: ContactNameOptional) {
    this.spec = { ...this.spec, to: [...this.spec.to, contact] };
    this.emit('recipientsChanged');
  }
  close() {
    this.bodyElement.remove();
    this.emit('destroy');
  }
}

export function aComposeView(overrides: Partial<ComposeSpec> = {}): StandInComposeView {
  return new StandInComposeView({
    to: [dana],
    cc: [],
    bcc: [],
    subject: 'Seat quote',
    replyTo: null,
    ...overrides,
  });
}

/**
 * A thread's row in Gmail's list: its contacts as InboxSDK reads them (each `[email]` span of the row,
 * so senders and the signed-in user as "me"), and the labels added to it.
 */
export class StandInThreadRowView extends Events<'destroy'> implements GmailThreadRowView {
  readonly labels: LabelDescriptor[] = [];
  constructor(private contacts: Contact[]) {
    super();
  }
  getContacts() {
    return this.contacts;
  }
  addLabel(label: LabelDescriptor | null | object) {
    // CSCX passes plain descriptors; InboxSDK also takes a stream of them, which nothing here sends.
    if (label && 'title' in label) this.labels.push(label);
  }
  /** Gmail took the row away (another page, another label). */
  remove() {
    this.emit('destroy');
  }
}

export function aThreadRow(...contacts: Contact[]): StandInThreadRowView {
  return new StandInThreadRowView(contacts);
}

export interface StandInPanel extends GmailSidebarPanel {
  descriptor: ContentPanelDescriptor;
  removed: boolean;
  opened: number;
}

/** A loaded InboxSDK as far as CSCX uses it: handlers to call, and the sidebar panels added. */
export function standInInboxSdk() {
  const threadHandlers = new Set<(view: GmailThreadView) => void>();
  const composeHandlers = new Set<(view: GmailComposeView) => void>();
  const rowHandlers = new Set<(view: GmailThreadRowView) => void>();
  const panels: StandInPanel[] = [];
  const sdk: GmailSdk = {
    Conversations: {
      registerThreadViewHandler(handler) {
        threadHandlers.add(handler);
        return () => threadHandlers.delete(handler);
      },
    },
    Compose: {
      registerComposeViewHandler(handler) {
        composeHandlers.add(handler);
        return () => composeHandlers.delete(handler);
      },
    },
    Lists: {
      registerThreadRowViewHandler(handler) {
        rowHandlers.add(handler);
        return () => rowHandlers.delete(handler);
      },
    },
    Global: {
      async addSidebarContentPanel(descriptor) {
        const panel: StandInPanel = {
          descriptor,
          removed: false,
          opened: 0,
          remove() {
            panel.removed = true;
          },
          open() {
            panel.opened++;
          },
        };
        panels.push(panel);
        return panel;
      },
    },
  };
  return {
    sdk,
    panels,
    openThread(view: StandInThreadView) {
      for (const handler of threadHandlers) handler(view);
      return view;
    },
    openCompose(view: StandInComposeView) {
      for (const handler of composeHandlers) handler(view);
      return view;
    },
    /** Gmail shows these rows of a thread list, as InboxSDK reports them: one by one. */
    showRows(...rows: StandInThreadRowView[]) {
      for (const row of rows) for (const handler of rowHandlers) handler(row);
      return rows;
    },
  };
}
