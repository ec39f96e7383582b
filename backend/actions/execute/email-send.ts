import type { gmail_v1 } from '@googleapis/gmail';
import { type EmailSendPayload, emailSendPayload } from '../../../shared/api/actions.ts';
import { type ConnectionDeps, withConnection } from '../../integrations/connections/with-connection.ts';
import type { ActionRow, StoredPayload } from '../schema.ts';
import type { OutsideExecutor } from './outside.ts';
import { messageIdOf, rawMessage } from './rfc2822.ts';
import type { StartedRun } from './run-state.ts';

function requestOf(action: ActionRow) {
  return { orgId: action.orgId, userId: action.forUserId, provider: 'google' as const };
}

/** The message with this Message-ID in the sender's mailbox (sent, or anywhere else), if any. */
async function findSent(gmail: gmail_v1.Gmail, messageId: string): Promise<StoredPayload | undefined> {
  const found = await gmail.users.messages.list({
    userId: 'me',
    q: `rfc822msgid:${messageId.slice(1, -1)}`,
    includeSpamTrash: true,
    maxResults: 1,
  });
  const earlier = found.data.messages?.[0];
  if (!earlier?.id) return undefined;
  return { gmailMessageId: earlier.id, threadId: earlier.threadId ?? null, messageId, foundSent: true };
}

/**
 * Sends the email from its user's Gmail, in its thread. `retry`: an earlier run may have sent it and
 * died before recording so; Gmail is asked first for a message with this action's Message-ID, and
 * one found is the send (done, not sent again).
 */
async function sendEmail(deps: ConnectionDeps, run: StartedRun): Promise<StoredPayload> {
  const { action } = run;
  const payload = emailSendPayload.parse(action.payload);
  const messageId = messageIdOf(action.id, run.senderEmail);
  return withConnection(deps, requestOf(action), async ({ gmail }) => {
    if (run.retry) {
      const earlier = await findSent(gmail, messageId);
      if (earlier) return earlier;
    }
    const reply = await withReplyHeaders(gmail, payload);
    const sent = await gmail.users.messages.send({
      userId: 'me',
      requestBody: {
        raw: rawMessage(reply, messageId),
        ...(reply.threadId ? { threadId: reply.threadId } : {}),
      },
    });
    return { gmailMessageId: sent.data.id ?? null, threadId: sent.data.threadId ?? null, messageId };
  });
}

export const emailSend: OutsideExecutor = {
  run: sendEmail,
  findEarlier: (deps, { action, senderEmail }) =>
    withConnection(deps, requestOf(action), ({ gmail }) =>
      findSent(gmail, messageIdOf(action.id, senderEmail)),
    ),
};

/**
 * Gmail keeps a message in a thread when it names the message it answers (RFC 2822 `In-Reply-To`
 * and `References`) and the subject matches. The sidebar knows the thread's id but not its messages'
 * Message-IDs: they are read from the thread's last message (headers only).
 */
async function withReplyHeaders(gmail: gmail_v1.Gmail, payload: EmailSendPayload): Promise<EmailSendPayload> {
  if (!payload.threadId || payload.inReplyTo) return payload;
  const thread = await gmail.users.threads.get({
    userId: 'me',
    id: payload.threadId,
    format: 'metadata',
    metadataHeaders: ['Message-ID', 'References'],
  });
  const headers = thread.data.messages?.at(-1)?.payload?.headers ?? [];
  const header = (name: string) =>
    headers.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value?.trim() ?? '';
  const last = header('Message-ID');
  if (!/^<[^<>\s]+@[^<>\s]+>$/.test(last)) return payload;
  const earlier = header('References')
    .split(/\s+/)
    .filter((id) => /^<[^<>\s]+>$/.test(id));
  return { ...payload, inReplyTo: last, references: [...earlier, ...payload.references] };
}
