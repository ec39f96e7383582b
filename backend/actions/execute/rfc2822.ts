import type { EmailSendPayload } from '../../../shared/api/actions.ts';

/**
 * The Message-ID a sent action carries, the same on every try: before a retry, Gmail is searched
 * for it (`rfc822msgid:`), since its search cannot query a header of our own.
 */
export function messageIdOf(actionId: string, senderEmail: string): string {
  const domain = senderEmail.split('@')[1] || 'cscx.invalid';
  return `<cscx-action-${actionId}@${domain}>`;
}

/** An RFC 2047 encoded word when the text is not plain ASCII, so a subject keeps its accents. */
function headerValue(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function wrapped(base64: string): string {
  return base64.replace(/.{1,76}/g, '$&\r\n');
}

/**
 * The raw message Gmail's `users.messages.send` takes (base64url): a reply names the message it
 * answers and the chain before it, so it stays in its thread for every recipient. No From header:
 * Gmail sets the connected account's address.
 */
export function rawMessage(payload: EmailSendPayload, messageId: string): string {
  const references = [...payload.references];
  if (payload.inReplyTo && !references.includes(payload.inReplyTo)) references.push(payload.inReplyTo);
  const headers = [
    `To: ${payload.to.join(', ')}`,
    ...(payload.cc.length > 0 ? [`Cc: ${payload.cc.join(', ')}`] : []),
    `Subject: ${headerValue(payload.subject)}`,
    `Message-ID: ${messageId}`,
    ...(payload.inReplyTo ? [`In-Reply-To: ${payload.inReplyTo}`] : []),
    ...(references.length > 0 ? [`References: ${references.join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
  ];
  const body = wrapped(Buffer.from(payload.body, 'utf8').toString('base64'));
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'utf8').toString('base64url');
}
