import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const day = 86_400_000;
let now = new Date();
const suite = suiteWithApp({ clock: { now: () => now } });

async function anAdminsOrg() {
  const db = suite.testDb.database.db;
  const org = await anOrg(db);
  const admin = await aMember(db, org, { role: 'admin', email: `admin-${org.id}@team.example` });
  return { org, admin: suite.app.client(admin.token) };
}

const accept = (token: string) =>
  suite.app.client().auth.acceptInvite.mutate({ token, password: 'my own password!' });

describe('users.list: who has not signed in yet', () => {
  it('marks an invited member pending, with when the link was issued and when it expires', async () => {
    const { admin } = await anAdminsOrg();
    const invite = await admin.users.invite.mutate({ email: 'nia@team.example', role: 'csm' });
    const listed = (await admin.users.list.query()).find((m) => m.email === 'nia@team.example');
    expect(listed).toMatchObject({
      pending: true,
      invitedAt: now.toISOString(),
      invitationExpiresAt: invite.expiresAt,
    });
  });

  it('marks no one pending once the invitation is accepted, nor a member who has a password', async () => {
    const { org, admin } = await anAdminsOrg();
    await aMember(suite.testDb.database.db, org, {
      email: 'pat@team.example',
      password: 'a password of pat',
    });
    const invite = await admin.users.invite.mutate({ email: 'nia@team.example', role: 'csm' });
    await accept(invite.inviteToken);
    const members = await admin.users.list.query();
    expect(members.map((m) => [m.email, m.pending, m.invitedAt])).toEqual(
      expect.arrayContaining([
        ['nia@team.example', false, null],
        ['pat@team.example', false, null],
      ]),
    );
  });

  it('keeps a member pending after the link expired', async () => {
    const { admin } = await anAdminsOrg();
    await admin.users.invite.mutate({ email: 'late@team.example', role: 'viewer' });
    now = new Date(now.getTime() + 8 * day);
    try {
      const listed = (await admin.users.list.query()).find((m) => m.email === 'late@team.example');
      expect(listed?.pending).toBe(true);
    } finally {
      now = new Date(now.getTime() - 8 * day);
    }
  });
});

describe('users.reissueInvite: a new link for a member who has not signed in yet', () => {
  it('revokes the old link and returns a new one that works', async () => {
    const { admin } = await anAdminsOrg();
    const first = await admin.users.invite.mutate({ email: 'lost@team.example', role: 'csm' });
    const second = await admin.users.reissueInvite.mutate({ userId: first.user.id });
    expect(second.user.email).toBe('lost@team.example');
    expect(second.inviteUrl).toContain(encodeURIComponent(second.inviteToken));
    expect(second.inviteToken).not.toBe(first.inviteToken);

    expect(await errorOf(accept(first.inviteToken))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'this invitation link is invalid, used or expired',
    });
    const session = await accept(second.inviteToken);
    expect((await suite.app.client(session.token).auth.me.query()).user.email).toBe('lost@team.example');
  });

  it('issues a working link when the first one expired', async () => {
    const { admin } = await anAdminsOrg();
    const first = await admin.users.invite.mutate({ email: 'slow@team.example', role: 'csm' });
    now = new Date(now.getTime() + 8 * day);
    try {
      expect(await errorOf(accept(first.inviteToken))).toMatchObject({ code: 'BAD_REQUEST' });
      const second = await admin.users.reissueInvite.mutate({ userId: first.user.id });
      expect(new Date(second.expiresAt).getTime()).toBe(now.getTime() + 7 * day);
      await expect(accept(second.inviteToken)).resolves.toMatchObject({ mustChangePassword: false });
    } finally {
      now = new Date(now.getTime() - 8 * day);
    }
  });

  it('refuses for a member who has already accepted, and their password stays theirs', async () => {
    const { admin } = await anAdminsOrg();
    const invite = await admin.users.invite.mutate({ email: 'done@team.example', role: 'csm' });
    await accept(invite.inviteToken);
    expect(await errorOf(admin.users.reissueInvite.mutate({ userId: invite.user.id }))).toMatchObject({
      code: 'CONFLICT',
      message:
        'done@team.example has already set a password: a new link is only for members who have not signed in yet',
    });
    await expect(
      suite.app.client().auth.login.mutate({ email: 'done@team.example', password: 'my own password!' }),
    ).resolves.toBeTruthy();
  });

  it('refuses for a member made with a password, and for another org’s member', async () => {
    const { org, admin } = await anAdminsOrg();
    const db = suite.testDb.database.db;
    const withPassword = await aMember(db, org, { password: 'a password of theirs' });
    expect(await errorOf(admin.users.reissueInvite.mutate({ userId: withPassword.id }))).toMatchObject({
      code: 'CONFLICT',
    });
    const stranger = await aMember(db, await anOrg(db));
    expect(await errorOf(admin.users.reissueInvite.mutate({ userId: stranger.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('is for admins only', async () => {
    const { org, admin } = await anAdminsOrg();
    const invite = await admin.users.invite.mutate({ email: 'who@team.example', role: 'csm' });
    const csm = await aMember(suite.testDb.database.db, org, { role: 'csm' });
    expect(
      await errorOf(suite.app.client(csm.token).users.reissueInvite.mutate({ userId: invite.user.id })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    await expect(accept(invite.inviteToken)).resolves.toBeTruthy();
  });
});
