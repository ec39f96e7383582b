import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { ActionRequest } from '../../shared/api/actions.ts';
import { drainQueue } from './actions-suite.ts';
import {
  actionOf,
  anApproved,
  anOrgWithConnections,
  connectSlack,
  runWithRetries,
  suiteWithOutboundFakes,
} from './outbound-suite.ts';

const suite = suiteWithOutboundFakes();

const heads_up = (text = 'Acme renewal: Dana asked for SSO pricing', threadTs?: string): ActionRequest => ({
  kind: 'slack.post',
  payload: { channel: 'C0FAKERENEWALS', text, ...(threadTs ? { threadTs } : {}) },
});

const postsOf = (actionId: string) =>
  suite.slack.posts.filter((p) => p.metadata?.event_payload.action_id === actionId);
const calls = (method: string) => suite.slack.requests.filter((r) => r.path === `/api/${method}`);

describe('running an approved Slack post', () => {
  it('posts to the channel as the org’s app, with the action’s id in the message metadata', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, heads_up());
    expect(await drainQueue(suite.app)).toEqual(['done']);

    const [post] = postsOf(id);
    expect(post).toMatchObject({
      channel: 'C0FAKERENEWALS',
      text: 'Acme renewal: Dana asked for SSO pricing',
      metadata: { event_type: 'cscx_action', event_payload: { action_id: id } },
    });
    expect(post?.accessToken).toMatch(/^xoxb-fake-/);
    const action = await actionOf(suite, org.csm.token, id);
    expect(action).toMatchObject({ status: 'done', attempts: 1 });
    expect(action.outcome).toMatchObject({ channel: 'C0FAKERENEWALS', ts: post?.ts });
  });

  it('posts once when Slack posted it but the answer was lost: the retry finds it in the channel’s history', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, heads_up('Lost answer'));
    let posts = 0;
    suite.slack.onPost = () => (++posts === 1 ? 'drop' : undefined);
    const historyBefore = calls('conversations.history').length;

    expect(await runWithRetries(suite, 2)).toEqual(['retried', 'done']);
    expect(postsOf(id)).toHaveLength(1);
    const [search] = calls('conversations.history').slice(historyBefore);
    expect(search?.params).toMatchObject({ channel: 'C0FAKERENEWALS', include_all_metadata: 'true' });
    const action = await actionOf(suite, org.csm.token, id);
    expect(action).toMatchObject({ status: 'done', attempts: 2 });
    expect(action.outcome).toMatchObject({ ts: postsOf(id)[0]?.ts, foundPosted: true });
  });

  it('replies in a thread once across a lost answer, looking for itself among the thread’s replies', async () => {
    const org = await anOrgWithConnections(suite);
    const parentId = await anApproved(suite, org, heads_up('Thread parent'));
    expect(await drainQueue(suite.app)).toEqual(['done']);
    const parentTs = postsOf(parentId)[0]?.ts ?? '';
    const id = await anApproved(suite, org, heads_up('Thread reply', parentTs));
    let posts = 0;
    suite.slack.onPost = () => (++posts === 1 ? 'drop' : undefined);

    expect(await runWithRetries(suite, 2)).toEqual(['retried', 'done']);
    expect(postsOf(id)).toEqual([expect.objectContaining({ threadTs: parentTs, text: 'Thread reply' })]);
    expect(calls('conversations.replies').at(-1)?.params).toMatchObject({
      ts: parentTs,
      include_all_metadata: 'true',
    });
  });

  it('waits out a rate limit’s Retry-After before posting', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, heads_up('Rate limited'));
    suite.slack.rateLimitNext('chat.postMessage', 90);

    expect(await drainQueue(suite.app)).toEqual(['retried']);
    expect((await actionOf(suite, org.csm.token, id)).lastError).toContain('rate limited');
    suite.clock.advance(45_000);
    expect(await drainQueue(suite.app)).toEqual([]);
    suite.clock.advance(46_000);
    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(postsOf(id)).toHaveLength(1);
  });

  it('refreshes a rotating token Slack refuses once, and posts with the new one', async () => {
    suite.slack.rotationSeconds = 43_200;
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, heads_up('After a refresh'));
    suite.slack.expireAccessTokens();
    const refreshes = () =>
      calls('oauth.v2.access').filter((r) => r.params.grant_type === 'refresh_token').length;
    const before = refreshes();

    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(refreshes() - before).toBe(1);
    expect(postsOf(id)[0]?.accessToken).toMatch(/^xoxe\.xoxb-fake-/);
  });

  it('keeps trying, showing Slack’s invalid_auth, while the app is uninstalled, and posts once an admin connects it again', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, heads_up('Uninstalled'));
    suite.slack.invalidateAccessTokens();
    expect(await drainQueue(suite.app)).toEqual(['retried']);
    const failed = await actionOf(suite, org.csm.token, id);
    expect(failed).toMatchObject({ status: 'failed', lastError: 'Slack: invalid_auth' });
    expect(postsOf(id)).toHaveLength(0);

    await connectSlack(suite, org.admin);
    expect(await runWithRetries(suite, 2)).toEqual(['done']);
    expect(postsOf(id)).toHaveLength(1);
  });

  it('is dead at once in a channel the app is not in, with Slack’s words kept', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, {
      kind: 'slack.post',
      payload: { channel: 'C0NOTAMEMBER', text: 'Nobody hears this' },
    });
    expect(await runWithRetries(suite, 2)).toEqual(['done']);
    expect(await actionOf(suite, org.csm.token, id)).toMatchObject({
      status: 'dead',
      lastError: 'Slack: channel_not_found',
    });
  });

  it('is done, not dead, when every worker died after Slack took the post', async () => {
    const org = await anOrgWithConnections(suite);
    const id = await anApproved(suite, org, heads_up('Posted, then the worker died'));
    suite.slack.onPost = () => 'drop';
    expect(await drainQueue(suite.app)).toEqual(['retried']);
    suite.slack.onPost = undefined;
    const db = suite.testDb.database.db;
    await db.execute(sql`
      update jobs set state = 'running', attempts = 5, locked_by = 'a dead worker',
        locked_until = now() - interval '1 second', run_at = now() - interval '1 second'
      where payload->>'actionId' = ${id}`);
    await inOrg(db, org.org.id, (tx) =>
      tx.execute(sql`update actions set status = 'executing', attempts = 5 where id = ${id}`),
    );

    expect(await drainQueue(suite.app)).toEqual(['done']);
    expect(await actionOf(suite, org.csm.token, id)).toMatchObject({ status: 'done', lastError: null });
    expect(postsOf(id)).toHaveLength(1);
  });
});
