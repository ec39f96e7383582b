import type { WebClient } from '@slack/web-api';
import { type SlackPostPayload, slackPostPayload } from '../../../shared/api/actions.ts';
import { type ConnectionDeps, withConnection } from '../../integrations/connections/with-connection.ts';
import type { ActionRow, StoredPayload } from '../schema.ts';
import type { OutsideExecutor } from './outside.ts';
import type { StartedRun } from './run-state.ts';

/** The metadata every post of an action carries: the key a retry looks for in the channel. */
export const slackEventType = 'cscx_action';

/** Pages of a channel's history read before a retry (200 messages each) at most. */
const historyPages = 10;
/** The search starts this long before the action was decided: clocks differ. */
const clockSlackSeconds = 5 * 60;

interface SlackMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

function requestOf(action: ActionRow) {
  return { orgId: action.orgId, provider: 'slack' as const };
}

/** Messages of the channel (or of the thread replied in) since the action was decided, newest first. */
async function* messagesSince(
  slack: WebClient,
  payload: SlackPostPayload,
  oldest: string,
): AsyncGenerator<SlackMessage> {
  let cursor: string | undefined;
  for (let page = 0; page < historyPages; page++) {
    const common = { channel: payload.channel, include_all_metadata: true, oldest, limit: 200 };
    const answer = payload.threadTs
      ? await slack.conversations.replies({ ...common, ts: payload.threadTs, ...(cursor ? { cursor } : {}) })
      : await slack.conversations.history({ ...common, ...(cursor ? { cursor } : {}) });
    yield* (answer.messages ?? []) as SlackMessage[];
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) return;
  }
}

async function findPosted(slack: WebClient, action: ActionRow): Promise<StoredPayload | undefined> {
  const payload = slackPostPayload.parse(action.payload);
  const since = (action.decidedAt ?? action.createdAt).getTime() / 1000 - clockSlackSeconds;
  for await (const message of messagesSince(slack, payload, since.toFixed(6))) {
    const { metadata } = message;
    if (metadata?.event_type === slackEventType && metadata.event_payload?.action_id === action.id)
      return { channel: payload.channel, ts: message.ts ?? null, foundPosted: true };
  }
  return undefined;
}

/**
 * Posts to the channel as the org's Slack app. The message carries the action's id in its
 * metadata; before a retry the channel's history (with its metadata) is read for it, and one
 * found is the post (done, not posted again).
 */
async function post(deps: ConnectionDeps, run: StartedRun): Promise<StoredPayload> {
  const { action } = run;
  const payload = slackPostPayload.parse(action.payload);
  return withConnection(deps, requestOf(action), async (slack) => {
    if (run.retry) {
      const earlier = await findPosted(slack, action);
      if (earlier) return earlier;
    }
    const posted = await slack.chat.postMessage({
      channel: payload.channel,
      text: payload.text,
      ...(payload.threadTs ? { thread_ts: payload.threadTs } : {}),
      metadata: { event_type: slackEventType, event_payload: { action_id: action.id } },
    });
    return { channel: posted.channel ?? payload.channel, ts: posted.ts ?? null };
  });
}

export const slackPost: OutsideExecutor = {
  run: post,
  findEarlier: (deps, { action }) =>
    withConnection(deps, requestOf(action), (slack) => findPosted(slack, action)),
};
