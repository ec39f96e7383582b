import { z } from 'zod';
import { healthForThreadsInput, threadHealth } from '../../shared/api/health.ts';
import { classifyApiError } from '../sidebar/connection/api-error.ts';
import type { ApiClient, ApiTarget } from './api-client.ts';
import type { SessionStore } from './session-store.ts';

/**
 * The Gmail content script cannot reach the backend (the page's origin, and no token there), and the
 * sidebar frame exists only once a thread or draft was opened, so the inbox's badges are looked up by
 * the background: one message per page of rows, one `health.forThreads` request per message.
 */
export const inboxHealthRequest = z.object({
  type: z.literal('cscx-inbox-health'),
  rows: healthForThreadsInput.shape.rows,
});
export type InboxHealthRequest = z.infer<typeof inboxHealthRequest>;
export type InboxRowQuery = InboxHealthRequest['rows'][number];
export type ThreadHealth = z.infer<typeof threadHealth>;

/** `signed-out`: no badges until the CSM signs in; `failed`: this page's lookup went wrong, a later one may not. */
export const inboxHealthAnswer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), rows: z.array(threadHealth) }),
  z.object({ status: z.literal('signed-out') }),
  z.object({ status: z.literal('failed') }),
]);
export type InboxHealthAnswer = z.infer<typeof inboxHealthAnswer>;

export interface InboxHealthRelayDeps {
  session: Pick<SessionStore, 'load'>;
  connectApi(target: ApiTarget): ApiClient;
}

/**
 * Answers a page of inbox rows. The org's own people are nobody's customer: their addresses are left
 * out, and a page whose rows name no one else is answered without a request. The org's domains are
 * asked once per signed-in token.
 */
export function inboxHealthRelay(
  deps: InboxHealthRelayDeps,
): (rows: InboxRowQuery[]) => Promise<InboxHealthAnswer> {
  const domainsByToken = new Map<string, Promise<string[]>>();
  return async (rows) => {
    const session = await deps.session.load();
    if (!session.token) return { status: 'signed-out' };
    const api = deps.connectApi(session);
    const signedInAs = `${session.backendUrl} ${session.token}`;
    try {
      const known = domainsByToken.get(signedInAs);
      const domains = known ?? api.auth.me.query().then((me) => me.org.domains.map((d) => d.toLowerCase()));
      if (!known) domainsByToken.set(signedInAs, domains);
      const own = await domains.catch((error: unknown) => {
        domainsByToken.delete(signedInAs);
        throw error;
      });
      const outside = rows
        .map((row) => ({ key: row.key, addresses: row.addresses.filter((a) => !ofDomains(a, own)) }))
        .filter((row) => row.addresses.length > 0);
      const found = outside.length > 0 ? (await api.health.forThreads.query({ rows: outside })).rows : [];
      const byKey = new Map(found.map((row) => [row.key, row.health]));
      return {
        status: 'ok',
        rows: rows.map((row) => ({ key: row.key, health: byKey.get(row.key) ?? null })),
      };
    } catch (error) {
      return { status: classifyApiError(error) === 'unauthorized' ? 'signed-out' : 'failed' };
    }
  };
}

function ofDomains(address: string, domains: string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.includes(domain);
}

/** Gmail's tabs only: the only content script that asks. */
const gmailOrigin = 'https://mail.google.com/';

interface MessageSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * The background's `runtime.onMessage` listener: a well-formed request from this extension's Gmail
 * content script is answered asynchronously (hence `true`); anything else is left to other listeners.
 */
export function inboxHealthListener(
  relay: (rows: InboxRowQuery[]) => Promise<InboxHealthAnswer>,
  extensionId: string,
) {
  return (message: unknown, sender: MessageSender, sendResponse: (answer: InboxHealthAnswer) => void) => {
    if (sender.id !== extensionId || !sender.tab || !sender.url?.startsWith(gmailOrigin)) return undefined;
    const request = inboxHealthRequest.safeParse(message);
    if (!request.success) return undefined;
    void relay(request.data.rows).then(sendResponse);
    return true;
  };
}
