import { emailSendPayload } from '../../../shared/api/actions.ts';
import { type ConnectionDeps, withConnection } from '../../integrations/connections/with-connection.ts';
import type { ActionRow, StoredPayload } from '../schema.ts';
import { messageIdOf, rawMessage } from './rfc2822.ts';

/**
 * Sends the email from its user's Gmail, in its thread. `retry`: an earlier run may have sent it and
 * died before recording so; Gmail is asked first for a message with this action's Message-ID, and
 * one found is the send (done, not sent again).
 */
export async function sendEmail(
  deps: ConnectionDeps,
  action: ActionRow,
  run: { senderEmail: string; retry: boolean },
): Promise<StoredPayload> {
  const payload = emailSendPayload.parse(action.payload);
  const messageId = messageIdOf(action.id, run.senderEmail);
  const request = { orgId: action.orgId, userId: action.forUserId, provider: 'google' as const };
  return withConnection(deps, request, async ({ gmail }) => {
    if (run.retry) {
      const found = await gmail.users.messages.list({
        userId: 'me',
        q: `rfc822msgid:${messageId.slice(1, -1)}`,
        includeSpamTrash: true,
        maxResults: 1,
      });
      const earlier = found.data.messages?.[0];
      if (earlier?.id)
        return { gmailMessageId: earlier.id, threadId: earlier.threadId ?? null, messageId, foundSent: true };
    }
    const sent = await gmail.users.messages.send({
      userId: 'me',
      requestBody: {
        raw: rawMessage(payload, messageId),
        ...(payload.threadId ? { threadId: payload.threadId } : {}),
      },
    });
    return { gmailMessageId: sent.data.id ?? null, threadId: sent.data.threadId ?? null, messageId };
  });
}
