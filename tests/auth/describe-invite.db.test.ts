import { createTRPCClient, httpLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '../../backend/trpc/app-router.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const day = 86_400_000;
let now = new Date();
/** Sign-ins limited to 5 a minute per address; behind a trusted proxy, so each test has an address. */
const suite = suiteWithApp({
  clock: { now: () => now },
  env: { CSCX_SIGN_IN_RATE_LIMIT: '5', CSCX_TRUST_PROXY: '127.0.0.1' },
});

let lastIp = 0;
/** A client of its own address: its own sign-in budget. */
function aVisitor() {
  const ip = `198.51.100.${++lastIp}`;
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${suite.app.url}/trpc`, headers: () => ({ 'x-forwarded-for': ip }) })],
  });
}

async function anInvitation(email = 'nia@team.example') {
  const db = suite.testDb.database.db;
  const org = await anOrg(db, { name: `Acme ${lastIp}` });
  const admin = suite.app.client((await aMember(db, org, { role: 'admin' })).token);
  const invite = await admin.users.invite.mutate({ email, role: 'csm' });
  return { org, admin, invite };
}

const refusal = { code: 'BAD_REQUEST', message: 'this invitation link is invalid, used or expired' };

describe('auth.describeInvite: who an invitation link sets up', () => {
  it('tells the address and the org, and leaves the link to be accepted', async () => {
    const { org, invite } = await anInvitation('Nia@Team.example');
    const visitor = aVisitor();
    expect(await visitor.auth.describeInvite.query({ token: invite.inviteToken })).toEqual({
      email: 'nia@team.example',
      orgName: org.name,
    });
    await expect(
      visitor.auth.acceptInvite.mutate({ token: invite.inviteToken, password: 'my own password!' }),
    ).resolves.toBeTruthy();
  });

  it('gives the one refusal for a link that is unknown, used, revoked, expired or of a removed member', async () => {
    const visitor = aVisitor();
    const used = await anInvitation('used@team.example');
    await visitor.auth.acceptInvite.mutate({ token: used.invite.inviteToken, password: 'my own password!' });
    const revoked = await anInvitation('revoked@team.example');
    await revoked.admin.users.reissueInvite.mutate({ userId: revoked.invite.user.id });
    const removed = await anInvitation('removed@team.example');
    await removed.admin.users.remove.mutate({ userId: removed.invite.user.id });
    const expired = await anInvitation('expired@team.example');

    const tokens = [
      'cscx_inv_not_a_token_at_all',
      '',
      used.invite.inviteToken,
      revoked.invite.inviteToken,
      removed.invite.inviteToken,
    ];
    for (const token of tokens) {
      expect(await errorOf(aVisitor().auth.describeInvite.query({ token }))).toMatchObject(refusal);
    }
    now = new Date(now.getTime() + 8 * day);
    try {
      expect(
        await errorOf(aVisitor().auth.describeInvite.query({ token: expired.invite.inviteToken })),
      ).toMatchObject(refusal);
    } finally {
      now = new Date(now.getTime() - 8 * day);
    }
  });

  it('counts each look-up as a sign-in from its address: guessing links is throttled', async () => {
    const { invite } = await anInvitation();
    const guesser = aVisitor();
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const error = await errorOf(guesser.auth.describeInvite.query({ token: `cscx_inv_guess_${i}` }));
      codes.push(error.code);
    }
    expect(codes).toEqual([...Array(5).fill('BAD_REQUEST'), 'TOO_MANY_REQUESTS']);
    expect(await errorOf(guesser.auth.describeInvite.query({ token: invite.inviteToken }))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    await expect(aVisitor().auth.describeInvite.query({ token: invite.inviteToken })).resolves.toBeTruthy();
  });
});
