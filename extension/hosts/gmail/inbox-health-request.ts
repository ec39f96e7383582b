import { browser } from 'wxt/browser';
import {
  type InboxHealthAnswer,
  type InboxHealthRequest,
  type InboxRowQuery,
  inboxHealthAnswer,
} from '../../lib/inbox-health-relay.ts';

/** A page of inbox rows, looked up by the background (lib/inbox-health-relay.ts). */
export async function requestInboxHealth(rows: InboxRowQuery[]): Promise<InboxHealthAnswer> {
  const request: InboxHealthRequest = { type: 'cscx-inbox-health', rows };
  try {
    const answer = inboxHealthAnswer.safeParse(await browser.runtime.sendMessage(request));
    return answer.success ? answer.data : { status: 'failed' };
  } catch {
    // The background was restarting, or the extension was reloaded under the page.
    return { status: 'failed' };
  }
}
