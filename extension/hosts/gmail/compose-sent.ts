import type { GmailComposeView } from './gmail-host.ts';
import { messageText } from './message-text.ts';

/**
 * Calls `listener` with the body's plain text, without its quoted history, once the compose was sent.
 * The body is read at "presending", since by "sent" Gmail has torn the compose down, and it is kept
 * only while that send goes ahead. Nothing here may throw into InboxSDK's send: a body that cannot be
 * read is given up on, and the send goes on.
 */
export function onComposeSent(compose: GmailComposeView, listener: (sentText: string) => void): void {
  let body: string | null = null;
  compose.on('presending', () => {
    body = readBody(compose);
  });
  compose.on('sendCanceled', () => {
    body = null;
  });
  compose.on('sent', () => {
    const sent = body;
    body = null;
    if (!sent) return;
    try {
      listener(sent);
    } catch (error) {
      console.warn('CSCX could not pass on the sent Gmail message', error);
    }
  });
}

function readBody(compose: GmailComposeView): string | null {
  try {
    return messageText(compose.getBodyElement());
  } catch (error) {
    console.warn('CSCX could not read the Gmail compose being sent', error);
    return null;
  }
}
