import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../backend/integrations/connections/retry-after.ts';
import { withConnection } from '../../backend/integrations/connections/with-connection.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { suiteWithConnectionFakes } from './connections-suite.ts';

const suite = suiteWithConnectionFakes();
const db = () => suite.testDb.database.db;

async function aConnectedCsm() {
  const org = await anOrg(db());
  const member = await aMember(db(), org, { role: 'csm' });
  const { page } = await suite.connect(member.token, 'google');
  expect(page.status).toBe(200);
  return { org, member };
}

const profile = (deps: ReturnType<typeof suite.depsFor>, orgId: string, userId: string) =>
  withConnection(deps, { orgId, userId, provider: 'google' }, async ({ gmail }) => {
    const { data } = await gmail.users.getProfile({ userId: 'me' });
    return data.emailAddress;
  });

const since = (from: number) => suite.google.requests.slice(from);
const grants = (from: number) =>
  since(from)
    .filter((r) => r.path === '/token')
    .map((r) => r.params.grant_type);

async function healthOf(orgId: string) {
  const [row] = await suite.sqlInOrg<{
    last_success_at: string | null;
    last_error: string | null;
    expires_at: string | null;
    tokens_sealed: string;
  }>(
    orgId,
    sql`
    select last_success_at::text, last_error, expires_at::text, tokens_sealed from connections where org_id = ${orgId}`,
  );
  return row;
}

describe('withConnection for Google', () => {
  it('calls Gmail with the stored token and records the success, without refreshing a token far from expiry', async () => {
    const { org, member } = await aConnectedCsm();
    const from = suite.google.requests.length;
    expect(await profile(suite.depsFor(org.id), org.id, member.id)).toBe(member.email);
    expect(grants(from)).toEqual([]);
    expect(Date.parse((await healthOf(org.id))?.last_success_at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refreshes a token that lapses within five minutes before using it, and stores the new one sealed', async () => {
    suite.google.accessTokenSeconds = 120;
    const { org, member } = await aConnectedCsm();
    const before = await healthOf(org.id);
    suite.google.accessTokenSeconds = 3599;
    const from = suite.google.requests.length;

    expect(await profile(suite.depsFor(org.id), org.id, member.id)).toBe(member.email);
    expect(since(from).map((r) => r.path)).toEqual(['/token', '/gmail/v1/users/me/profile']);
    expect(grants(from)).toEqual(['refresh_token']);
    const after = await healthOf(org.id);
    expect(after?.tokens_sealed).not.toBe(before?.tokens_sealed);
    expect(Date.parse(after?.expires_at ?? '')).toBeGreaterThan(Date.now() + 50 * 60_000);

    // The refreshed token is the one used from now on: no second refresh.
    const next = suite.google.requests.length;
    await profile(suite.depsFor(org.id), org.id, member.id);
    expect(grants(next)).toEqual([]);
  });

  it('on a 401 refreshes once and runs the work once more', async () => {
    const { org, member } = await aConnectedCsm();
    suite.google.refuseAccessTokens();
    const from = suite.google.requests.length;
    expect(await profile(suite.depsFor(org.id), org.id, member.id)).toBe(member.email);
    expect(since(from).map((r) => r.path)).toEqual([
      '/gmail/v1/users/me/profile',
      '/token',
      '/gmail/v1/users/me/profile',
    ]);
  });

  it('gives up after one retry when the refreshed token is refused too, and shows the error on the connection', async () => {
    const { org, member } = await aConnectedCsm();
    suite.google.refuseAccessTokens();
    const from = suite.google.requests.length;
    const deps = suite.depsFor(org.id);
    let calls = 0;
    await expect(
      withConnection(deps, { orgId: org.id, userId: member.id, provider: 'google' }, async ({ gmail }) => {
        calls += 1;
        suite.google.refuseAccessTokens();
        await gmail.users.getProfile({ userId: 'me' });
      }),
    ).rejects.toMatchObject({ status: 401 });
    expect(calls).toBe(2);
    expect(grants(from)).toEqual(['refresh_token']);
    const { connections } = await suite.app.client(member.token).connections.list.query();
    expect(connections[0]?.lastError).toMatch(/^Google 401 UNAUTHENTICATED/);
  });

  it("hands back Gmail's 429 at once with its Retry-After, for the action queue to wait (the client does not retry)", async () => {
    const { org, member } = await aConnectedCsm();
    suite.google.rateLimitNext(30);
    const from = suite.google.requests.length;
    const failure = await profile(suite.depsFor(org.id), org.id, member.id).catch((error: unknown) => error);
    expect(retryAfterSeconds(failure)).toBe(30);
    expect(since(from).map((r) => r.path)).toEqual(['/gmail/v1/users/me/profile']);
    expect((await healthOf(org.id))?.last_error).toMatch(/^Google 429 RESOURCE_EXHAUSTED/);
  });

  it('reports a grant revoked at Google as an error to reconnect, not a crash', async () => {
    const { org, member } = await aConnectedCsm();
    const deps = suite.depsFor(org.id);
    await suite.sqlInOrg(org.id, sql`update connections set expires_at = now() where org_id = ${org.id}`);
    // Revoked behind CSCX's back (the user removed access in their Google account).
    const refresh =
      suite.google
        .secrets()
        .filter((s) => s.startsWith('1//'))
        .at(-1) ?? '';
    await fetch(`${suite.google.url}/revoke?token=${encodeURIComponent(refresh)}`, { method: 'POST' });
    await expect(profile(deps, org.id, member.id)).rejects.toThrow();
    expect((await healthOf(org.id))?.last_error).toMatch(/invalid_grant/);
  });

  it("is not found for a user who has not connected, or from another org's runner", async () => {
    const { org, member } = await aConnectedCsm();
    const colleague = await aMember(db(), org, { role: 'csm' });
    await expect(profile(suite.depsFor(org.id), org.id, colleague.id)).rejects.toThrow(/no Google/);
    const other = await anOrg(db());
    await expect(profile(suite.depsFor(other.id), other.id, member.id)).rejects.toThrow(/no Google/);
    await expect(profile(suite.depsFor(other.id), org.id, member.id)).rejects.toThrow(/another org/);
  });
});

describe('withConnection for Slack', () => {
  async function aConnectedOrg() {
    const org = await anOrg(db());
    const admin = await aMember(db(), org, { role: 'admin' });
    const { page } = await suite.connect(admin.token, 'slack');
    expect(page.status).toBe(200);
    return { org, admin };
  }
  const authTest = (orgId: string) =>
    withConnection(
      suite.depsFor(orgId),
      { orgId, provider: 'slack' },
      async (slack) => (await slack.auth.test()).team_id,
    );

  it("uses the org's bot token for any member's action", async () => {
    const { org } = await aConnectedOrg();
    expect(await authTest(org.id)).toBe('T0FAKE123');
  });

  it('hands back a 429 with its Retry-After for the queue to wait, and records it', async () => {
    const { org } = await aConnectedOrg();
    suite.slack.rateLimitNext('auth.test', 7);
    const failure = await authTest(org.id).catch((error: unknown) => error);
    expect(retryAfterSeconds(failure)).toBe(7);
    expect((await healthOf(org.id))?.last_error).toBe('Slack: rate limited, retry after 7 s');
    expect(await authTest(org.id)).toBe('T0FAKE123');
  });

  it('with token rotation, refreshes an expired bot token once and retries', async () => {
    suite.slack.rotationSeconds = 43_200;
    const { org } = await aConnectedOrg();
    suite.slack.expireAccessTokens();
    const from = suite.slack.requests.length;
    expect(await authTest(org.id)).toBe('T0FAKE123');
    expect(suite.slack.requests.slice(from).map((r) => r.path)).toEqual([
      '/api/auth.test',
      '/api/oauth.v2.access',
      '/api/auth.test',
    ]);
  });

  it('with token rotation, two workers refreshing at once both go on: the one refused uses the tokens the other stored', async () => {
    suite.slack.rotationSeconds = 43_200;
    const { org } = await aConnectedOrg();
    suite.slack.expireAccessTokens();
    const from = suite.slack.requests.length;
    expect(await Promise.all([authTest(org.id), authTest(org.id)])).toEqual(['T0FAKE123', 'T0FAKE123']);
    const refreshes = suite.slack.requests.slice(from).filter((r) => r.path === '/api/oauth.v2.access');
    // Both saw the lapsed token and refreshed with the same refresh token: Slack took it once.
    expect(refreshes.map((r) => r.params.refresh_token)).toEqual([
      refreshes[0]?.params.refresh_token,
      refreshes[0]?.params.refresh_token,
    ]);
    expect(suite.app.logLines.some((line) => line.includes('refreshed meanwhile by another worker'))).toBe(
      true,
    );
  });
});
