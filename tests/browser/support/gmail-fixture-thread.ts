import type { Contact } from '@inboxsdk/core';
import type { GmailMessageView, GmailThreadView } from '../../../extension/hosts/gmail/gmail-host.ts';
import { readThreadContext } from '../../../extension/hosts/gmail/read-context.ts';
import type { GmailThreadContext } from '../../../shared/host-context.ts';

/*
 * Runs inside Chromium, on the reconstructed Gmail thread (tests/fixtures/gmail/thread-acme.html):
 * InboxSDK does not recognise the reconstruction, so these views answer as InboxSDK's would, from the
 * elements its Gmail driver reads (gmail-message-view.ts, gmail-thread-view.ts), and the adapter's own
 * reading (read-context.ts) turns them into the context the sidebar gets.
 */

function attribute(el: Element | null, name: string): string {
  const value = el?.getAttribute(name);
  if (value === null || value === undefined) throw new Error(`no ${name} on the fixture's element`);
  return value;
}

function contactOf(el: Element | null): Contact {
  return { emailAddress: attribute(el, 'email'), name: attribute(el, 'name') };
}

function messageView(message: Element): GmailMessageView {
  const body = message.querySelector<HTMLElement>('div.ii.gt div.a3s');
  if (!body) throw new Error('a fixture message without a body');
  return {
    isLoaded: () => true,
    getSender: () => contactOf(message.querySelector('td.gF span[email]')),
    getRecipientsFull: async () => [...message.querySelectorAll('.hb span.g2[email]')].map(contactOf),
    getBodyElement: () => body,
    getDateString: () => attribute(message.querySelector('.gK .g3'), 'title'),
    on: () => undefined,
  };
}

function threadView(page: Document): GmailThreadView {
  const subject = page.querySelector('h2.hP');
  return {
    getSubject: () => subject?.textContent ?? '',
    getThreadIDAsync: async () => attribute(subject, 'data-legacy-thread-id'),
    getMessageViewsAll: () => [...page.querySelectorAll('div.adn.ads')].map(messageView),
    on: () => undefined,
  };
}

export function readFixtureThread(): Promise<GmailThreadContext> {
  return readThreadContext(threadView(document));
}
