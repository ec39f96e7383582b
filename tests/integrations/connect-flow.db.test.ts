import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashState } from '../../backend/integrations/connections/authorisation.ts';
import { verifierPurpose } from '../../backend/integrations/connections/sealed-tokens.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { slackTeam } from '../support/fakes/slack-server.ts';
import { openCallback, suiteWithConnectionFakes } from './connections-suite.ts';

const suite = suiteWithConnectionFakes();
const db = () => suite.testDb.database.db;

async function aCsm() {
  const org = await anOrg(db());
  return { org, member: await aMember(db(), org, { role: 'csm' }) };
}

describe('connecting Google', () => {
  it('goes from the consent link through the real callback to a stored connection with the granted scopes', async () => {
    const { member } = await aCsm();
    const { authorizationUrl, page } = await suite.connect(member.token, 'google');

    const link = authorizationUrl.searchParams;
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${suite.google.url}/o/oauth2/v2/auth`);
    expect(link.get('code_challenge_method')).toBe('S256');
    expect(link.get('access_type')).toBe('offline');
    expect(link.get('redirect_uri')).toMatch(/\/oauth\/callback\/google$/);
    expect(link.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/gmail.send',
        'https://www.googleapis.com/auth/gmail.readonly',
        'https://www.googleapis.com/auth/calendar.events.owned',
      ]),
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('is connected');
    expect(page.text).toContain(member.email);
    expect(page.csp).toContain("default-src 'none'");

    // The verifier that reached the token endpoint is the one the link's challenge was made from.
    const exchange = suite.google.requests.findLast((r) => r.path === '/token');
    expect(exchange?.params.grant_type).toBe('authorization_code');
    const verifier = exchange?.params.code_verifier ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(link.get('code_challenge'));

    const { connections } = await suite.app.client(member.token).connections.list.query();
    expect(connections).toEqual([
      expect.objectContaining({
        provider: 'google',
        owner: 'user',
        account: member.email,
        canDisconnect: true,
        lastError: null,
      }),
    ]);
    expect(connections[0]?.scopes).toContain('https://www.googleapis.com/auth/gmail.send');
    expect(Date.parse(connections[0]?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('keeps only ciphertext in the tokens column: no access or refresh token is readable in the row', async () => {
    const { member, org } = await aCsm();
    await suite.connect(member.token, 'google');
    const [row] = await suite.sqlInOrg<{ tokens_sealed: string; text: string }>(
      org.id,
      sql`
      select tokens_sealed, c::text as text from connections c where org_id = ${org.id}`,
    );
    const issued = suite.google.secrets().filter((s) => s.startsWith('ya29.') || s.startsWith('1//'));
    expect(issued.length).toBeGreaterThan(1);
    expect(row?.tokens_sealed).toMatch(/^v1:/);
    for (const token of issued) expect(row?.text).not.toContain(token);
  });

  it('refuses a callback whose state was already used, and stores nothing more', async () => {
    const { member, org } = await aCsm();
    const first = await suite.connect(member.token, 'google');
    expect(first.page.status).toBe(200);
    const again = await openCallback(suite.app, first.callbackPath);
    expect(again.status).toBe(400);
    expect(again.text).toMatch(/unknown or was already used/);
    const rows = await suite.sqlInOrg(org.id, sql`select id from connections where org_id = ${org.id}`);
    expect(rows).toHaveLength(1);
  });

  it('refuses a state it never issued, and a state issued for another provider', async () => {
    const { member } = await aCsm();
    const forged = await openCallback(
      suite.app,
      '/oauth/callback/google?code=4%2F0Aabc&state=not-one-of-ours',
    );
    expect(forged.status).toBe(400);
    expect(forged.text).toMatch(/unknown or was already used/);

    const started = await suite.app.client(member.token).connections.start.mutate({ provider: 'google' });
    const state = new URL(started.authorizationUrl).searchParams.get('state') ?? '';
    const crossed = await openCallback(
      suite.app,
      `/oauth/callback/slack?code=abc&state=${encodeURIComponent(state)}`,
    );
    expect(crossed.status).toBe(400);
    expect(await suite.app.client(member.token).connections.list.query()).toMatchObject({ connections: [] });
  });

  it('refuses a link that came back after it expired', async () => {
    const { member } = await aCsm();
    const started = await suite.app.client(member.token).connections.start.mutate({ provider: 'google' });
    const consent = await fetch(started.authorizationUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    suite.clock.advance(11 * 60_000);
    try {
      const late = await openCallback(suite.app, `${back.pathname}${back.search}`);
      expect(late.status).toBe(400);
      expect(late.text).toMatch(/expired/);
    } finally {
      suite.clock.advance(-11 * 60_000);
    }
    expect((await suite.app.client(member.token).connections.list.query()).connections).toEqual([]);
  });

  it('is refused by the provider when the verifier does not match the challenge, and says so', async () => {
    const { member, org } = await aCsm();
    const started = await suite.app.client(member.token).connections.start.mutate({ provider: 'google' });
    const state = new URL(started.authorizationUrl).searchParams.get('state') ?? '';
    const stateHash = hashState(state);
    const wrong = suite.app.deps.secrets.seal(
      'a-verifier-that-made-no-challenge',
      verifierPurpose(org.id, stateHash),
    );
    // The app role may not update a pending state, only take it and put another: so does the test.
    await suite.sqlInOrg(
      org.id,
      sql`with taken as (delete from oauth_states where state_hash = ${stateHash} returning *)
          insert into oauth_states (org_id, user_id, provider, state_hash, verifier_sealed, expires_at)
          select org_id, user_id, provider, state_hash, ${wrong}, expires_at from taken`,
    );
    const consent = await fetch(started.authorizationUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');

    const page = await openCallback(suite.app, `${back.pathname}${back.search}`);
    expect(page.status).toBe(502);
    expect(page.text).toContain('invalid_grant');
    const refused = suite.google.requests.findLast((r) => r.path === '/token');
    expect(refused?.params.code_verifier).toBe('a-verifier-that-made-no-challenge');
    expect((await suite.app.client(member.token).connections.list.query()).connections).toEqual([]);
  });

  it("refuses a Google account that is not the member's own, and gives the access back", async () => {
    const org = await anOrg(db(), { domains: ['team.example'] });
    const member = await aMember(db(), org, { role: 'csm', email: 'dana@team.example' });
    // A consent link forwarded to a customer, who signs in with their own mailbox.
    const { page } = await suite.connect(member.token, 'google', { googleAccount: 'alice@umbrella.example' });
    expect(page.status).toBe(403);
    expect(page.text).toContain('alice@umbrella.example is not your Google');
    expect(page.text).toContain('dana@team.example or another address at team.example');
    const refresh =
      suite.google
        .secrets()
        .filter((s) => s.startsWith('1//'))
        .at(-1) ?? '';
    expect(suite.google.isRevoked(refresh)).toBe(true);
    expect((await suite.app.client(member.token).connections.list.query()).connections).toEqual([]);

    // Another address in the org's own domains is the member's to use.
    const { page: own } = await suite.connect(member.token, 'google', {
      googleAccount: 'dana.s@team.example',
    });
    expect(own.status).toBe(200);
  });

  it('says the user declined when the consent screen comes back with an error', async () => {
    const { member } = await aCsm();
    suite.google.consent = { error: 'access_denied' };
    const { page } = await suite.connect(member.token, 'google');
    expect(page.status).toBe(400);
    expect(page.text).toContain('access_denied');
  });
});

describe("connecting the org's Slack", () => {
  it('needs an admin, and is then the whole org’s: every member sees it, only admins may disconnect it', async () => {
    const org = await anOrg(db());
    const admin = await aMember(db(), org, { role: 'admin' });
    const csm = await aMember(db(), org, { role: 'csm' });
    await expect(suite.app.client(csm.token).connections.start.mutate({ provider: 'slack' })).rejects.toThrow(
      /admin/,
    );

    const { authorizationUrl, page } = await suite.connect(admin.token, 'slack');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('scope')).toBe('chat:write,channels:history,groups:history');
    expect(page.status).toBe(200);
    expect(page.text).toContain(slackTeam.name);

    const seenByCsm = await suite.app.client(csm.token).connections.list.query();
    expect(seenByCsm.connections).toEqual([
      expect.objectContaining({
        provider: 'slack',
        owner: 'org',
        account: slackTeam.name,
        canDisconnect: false,
      }),
    ]);
    expect(seenByCsm.providers.find((p) => p.provider === 'slack')).toMatchObject({
      canConnect: false,
      configured: true,
    });
  });
});
