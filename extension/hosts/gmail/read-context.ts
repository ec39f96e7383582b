import type { Contact, ContactNameOptional } from '@inboxsdk/core';
import {
  type GmailComposeContext,
  type GmailParticipant,
  type GmailThreadContext,
  gmailRoles,
} from '../../../shared/host-context.ts';
import { asEmail } from '../people.ts';
import type { GmailComposeView, GmailMessageView, GmailThreadView } from './gmail-host.ts';
import { gmailSentAt } from './message-date.ts';
import { messageText } from './message-text.ts';

type Role = GmailParticipant['roles'][number];

const limits = { subject: 1000, name: 300, threadId: 200, messages: 100, people: 500 };

/**
 * The open thread: subject, the people on its loaded messages and their texts. Messages Gmail shows
 * collapsed and never loaded have no sender or body yet; they join once the user opens them.
 */
export async function readThreadContext(thread: GmailThreadView): Promise<GmailThreadContext> {
  const loaded = thread.getMessageViewsAll().filter((m) => m.isLoaded());
  const messages = await Promise.all(loaded.map(readMessage));
  return {
    host: 'gmail',
    view: 'thread',
    threadId: clip(await thread.getThreadIDAsync().catch(() => ''), limits.threadId) || null,
    subject: clip(thread.getSubject(), limits.subject),
    participants: participants(
      messages.flatMap(({ sender, recipients }) => [
        ...(sender ? [{ contact: sender, role: 'from' as const }] : []),
        ...recipients.map((contact) => ({ contact, role: 'recipient' as const })),
      ]),
    ),
    messages: messages.slice(-limits.messages).map(({ sender, sentAt, text }) => ({
      from: asEmail(sender?.emailAddress),
      fromName: clip(sender?.name?.trim() ?? '', limits.name),
      sentAt,
      text,
    })),
  };
}

/** The draft's subject and recipients so far; a reply also names its thread. */
export function readComposeContext(compose: GmailComposeView): GmailComposeContext {
  return {
    host: 'gmail',
    view: 'compose',
    threadId: compose.isReply() ? clip(threadIdOf(compose), limits.threadId) || null : null,
    subject: clip(compose.getSubject(), limits.subject),
    participants: participants([
      ...compose.getToRecipients().map((contact) => ({ contact, role: 'to' as const })),
      ...compose.getCcRecipients().map((contact) => ({ contact, role: 'cc' as const })),
      ...compose.getBccRecipients().map((contact) => ({ contact, role: 'bcc' as const })),
    ]),
  };
}

async function readMessage(message: GmailMessageView) {
  return {
    sender: senderOf(message),
    recipients: await message.getRecipientsFull().catch(() => []),
    sentAt: sentAtOf(message),
    text: messageText(message.getBodyElement()),
  };
}

/** InboxSDK throws when the message shows no date element (e.g. a message still loading). */
function sentAtOf(message: GmailMessageView): string | null {
  try {
    return gmailSentAt(message.getDateString());
  } catch {
    return null;
  }
}

/** InboxSDK throws when Gmail shows no sender address (e.g. a message still loading). */
function senderOf(message: GmailMessageView): Contact | null {
  try {
    return message.getSender();
  } catch {
    return null;
  }
}

function threadIdOf(compose: GmailComposeView): string {
  try {
    return compose.getThreadID();
  } catch {
    return '';
  }
}

/** One entry per address in order of first appearance, with every role it had and the first name given. */
function participants(entries: { contact: ContactNameOptional; role: Role }[]): GmailParticipant[] {
  const byEmail = new Map<string, { name: string; roles: Set<Role> }>();
  for (const { contact, role } of entries) {
    const email = asEmail(contact.emailAddress);
    if (!email) continue;
    const entry = byEmail.get(email) ?? { name: '', roles: new Set<Role>() };
    entry.name ||= clip(contact.name?.trim() ?? '', limits.name);
    entry.roles.add(role);
    byEmail.set(email, entry);
  }
  return [...byEmail.entries()].slice(0, limits.people).map(([email, { name, roles }]) => ({
    email,
    name,
    roles: gmailRoles.filter((r) => roles.has(r)),
  }));
}

function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
