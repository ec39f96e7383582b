import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withConnection } from '../../backend/integrations/connections/with-connection.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { suiteWithConnectionFakes } from './connections-suite.ts';

const suite = suiteWithConnectionFakes();
const db = () => suite.testDb.database.db;

async function aConnectedCsm() {
  const org = await anOrg(db());
  const member = await aMember(db(), org, { role: 'csm' });
  await suite.connect(member.token, 'google');
  const { connections } = await suite.app.client(member.token).connections.list.query();
  const connection = connections[0];
  if (!connection) throw new Error('not connected');
  return { org, member, connection };
}

const refreshTokensIssued = () => suite.google.secrets().filter((s) => s.startsWith('1//'));

describe('disconnecting', () => {
  it('revokes the grant at Google, then forgets the connection', async () => {
    const { org, member, connection } = await aConnectedCsm();
    const refreshToken = refreshTokensIssued().at(-1) ?? '';
    const from = suite.google.requests.length;
    const result = await suite.app.client(member.token).connections.disconnect.mutate({ id: connection.id });
    expect(result).toEqual({ revocation: 'revoked' });
    expect(suite.google.requests.slice(from).map((r) => r.path)).toEqual(['/revoke']);
    expect(suite.google.isRevoked(refreshToken)).toBe(true);
    expect(await suite.sqlInOrg(org.id, sql`select id from connections where org_id = ${org.id}`)).toEqual(
      [],
    );
    await expect(
      withConnection(
        suite.depsFor(org.id),
        { orgId: org.id, userId: member.id, provider: 'google' },
        async () => 1,
      ),
    ).rejects.toThrow(/no Google/);
  });

  it('still forgets a connection whose grant Google no longer knows', async () => {
    const { member, connection } = await aConnectedCsm();
    const refreshToken = refreshTokensIssued().at(-1) ?? '';
    await fetch(`${suite.google.url}/revoke?token=${encodeURIComponent(refreshToken)}`, { method: 'POST' });
    const result = await suite.app.client(member.token).connections.disconnect.mutate({ id: connection.id });
    expect(result).toEqual({ revocation: 'already_invalid' });
    expect((await suite.app.client(member.token).connections.list.query()).connections).toEqual([]);
  });

  it("revokes the org's Slack bot token with auth.revoke, for an admin only", async () => {
    const org = await anOrg(db());
    const admin = await aMember(db(), org, { role: 'admin' });
    const csm = await aMember(db(), org, { role: 'csm' });
    await suite.connect(admin.token, 'slack');
    const [slack] = (await suite.app.client(admin.token).connections.list.query()).connections;
    const botToken =
      suite.slack
        .secrets()
        .filter((s) => s.startsWith('xoxb-fake-'))
        .at(-1) ?? '';
    await expect(
      suite.app.client(csm.token).connections.disconnect.mutate({ id: slack?.id ?? '' }),
    ).rejects.toThrow(/admin/);
    expect(suite.slack.isRevoked(botToken)).toBe(false);
    await suite.app.client(admin.token).connections.disconnect.mutate({ id: slack?.id ?? '' });
    expect(suite.slack.isRevoked(botToken)).toBe(true);
  });
});

describe('isolation', () => {
  it("never shows or hands over one member's Google to a colleague or to another org", async () => {
    const { org, member, connection } = await aConnectedCsm();
    const colleague = await aMember(db(), org, { role: 'admin' });
    const other = await anOrg(db());
    const stranger = await aMember(db(), other, { role: 'admin' });

    expect((await suite.app.client(colleague.token).connections.list.query()).connections).toEqual([]);
    expect((await suite.app.client(stranger.token).connections.list.query()).connections).toEqual([]);
    for (const intruder of [colleague, stranger]) {
      await expect(
        suite.app.client(intruder.token).connections.disconnect.mutate({ id: connection.id }),
      ).rejects.toThrow(/no such connection/);
    }
    await expect(
      withConnection(
        suite.depsFor(other.id),
        { orgId: other.id, userId: member.id, provider: 'google' },
        async () => 1,
      ),
    ).rejects.toThrow(/no Google/);
    // Still there, still working for its owner.
    expect((await suite.app.client(member.token).connections.list.query()).connections).toHaveLength(1);
  });

  it("does not act through a removed member's Google", async () => {
    const { org, member } = await aConnectedCsm();
    const admin = await aMember(db(), org, { role: 'admin' });
    await suite.app.client(admin.token).users.remove.mutate({ userId: member.id });
    await expect(
      withConnection(
        suite.depsFor(org.id),
        { orgId: org.id, userId: member.id, provider: 'google' },
        async () => 1,
      ),
    ).rejects.toThrow(/no Google/);
  });

  it("cannot open a connection's tokens copied into another org's row", async () => {
    const { org } = await aConnectedCsm();
    const theirs = await aConnectedCsm();
    const [mine] = await suite.sqlInOrg<{ tokens_sealed: string }>(
      org.id,
      sql`select tokens_sealed from connections where org_id = ${org.id}`,
    );
    await suite.sqlInOrg(
      theirs.org.id,
      sql`update connections set tokens_sealed = ${mine?.tokens_sealed ?? ''} where org_id = ${theirs.org.id}`,
    );
    await expect(
      withConnection(
        suite.depsFor(theirs.org.id),
        { orgId: theirs.org.id, userId: theirs.member.id, provider: 'google' },
        async () => 1,
      ),
    ).rejects.toThrow();
  });
});

describe('the log', () => {
  it('holds no token, code, verifier or client secret through connecting, refreshing, a 401 and disconnecting', async () => {
    const logStart = suite.app.logLines.length;
    suite.google.accessTokenSeconds = 60;
    const { org, member, connection } = await aConnectedCsm();
    const deps = suite.depsFor(org.id);
    const call = () =>
      withConnection(deps, { orgId: org.id, userId: member.id, provider: 'google' }, ({ gmail }) =>
        gmail.users.getProfile({ userId: 'me' }),
      );
    await call();
    suite.google.refuseAccessTokens();
    await call();
    await suite.sqlInOrg(org.id, sql`update connections set expires_at = now() where org_id = ${org.id}`);
    await fetch(
      `${suite.google.url}/revoke?token=${encodeURIComponent(refreshTokensIssued().at(-1) ?? '')}`,
      {
        method: 'POST',
      },
    );
    await call().catch(() => undefined);
    await suite.app.client(member.token).connections.disconnect.mutate({ id: connection.id });

    const lines = suite.app.logLines.slice(logStart);
    expect(lines.some((l) => l.includes('connection refreshed'))).toBe(true);
    const secrets = [...suite.google.secrets(), ...suite.slack.secrets()].filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThan(4);
    for (const secret of secrets) {
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    }
  });
});
