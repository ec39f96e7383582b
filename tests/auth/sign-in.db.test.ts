import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp();

describe('signing in', () => {
  it('gives a session token for the right password and rejects a wrong one without saying which part was wrong', async () => {
    const org = await anOrg(suite.testDb.database.db);
    await aMember(suite.testDb.database.db, org, {
      email: 'ana@team.example',
      password: 'a long enough password',
    });
    const client = suite.app.client();

    const session = await client.auth.login.mutate({
      email: ' Ana@Team.example ',
      password: 'a long enough password',
    });
    expect(session.token).toMatch(/^cscx_sess_[A-Za-z0-9_-]{43}$/);
    const me = await suite.app.client(session.token).auth.me.query();
    expect(me.user.email).toBe('ana@team.example');
    expect(me.org.id).toBe(org.id);

    const wrongPassword = await errorOf(
      client.auth.login.mutate({ email: 'ana@team.example', password: 'nope' }),
    );
    const unknownUser = await errorOf(
      client.auth.login.mutate({ email: 'nobody@team.example', password: 'nope' }),
    );
    expect(wrongPassword).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
    expect(unknownUser).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
  });

  it('throttles an address after five failures, even with the right password', async () => {
    const org = await anOrg(suite.testDb.database.db);
    await aMember(suite.testDb.database.db, org, {
      email: 'target@team.example',
      password: 'the right password',
    });
    const client = suite.app.client();
    for (let i = 0; i < 5; i++) {
      await errorOf(client.auth.login.mutate({ email: 'target@team.example', password: `guess ${i}` }));
    }
    const blocked = await errorOf(
      client.auth.login.mutate({ email: 'target@team.example', password: 'the right password' }),
    );
    expect(blocked).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
  });

  it('ends the session on logout', async () => {
    const org = await anOrg(suite.testDb.database.db);
    const member = await aMember(suite.testDb.database.db, org);
    const client = suite.app.client(member.token);
    await client.auth.logout.mutate();
    expect(await errorOf(client.auth.me.query())).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('holds a first-sign-in user to changing the password before anything else, then ends their other sessions', async () => {
    const org = await anOrg(suite.testDb.database.db);
    const member = await aMember(suite.testDb.database.db, org, {
      email: 'new@team.example',
      password: 'one-time password',
      mustChangePassword: true,
    });
    const client = suite.app.client(member.token);
    expect(await errorOf(client.customers.list.query({}))).toMatchObject({ code: 'FORBIDDEN' });

    const second = await suite.app
      .client()
      .auth.login.mutate({ email: 'new@team.example', password: 'one-time password' });
    expect(second.mustChangePassword).toBe(true);
    expect(
      await errorOf(
        client.auth.changePassword.mutate({ currentPassword: 'wrong', newPassword: 'a brand new password' }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    await client.auth.changePassword.mutate({
      currentPassword: 'one-time password',
      newPassword: 'a brand new password',
    });

    await expect(client.customers.list.query({})).resolves.toMatchObject({ items: [] });
    expect(await errorOf(suite.app.client(second.token).auth.me.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      suite.app.client().auth.login.mutate({ email: 'new@team.example', password: 'a brand new password' }),
    ).resolves.toMatchObject({
      mustChangePassword: false,
    });
  });
});

describe('invitations', () => {
  it('lets an invited user set a password once through the link', async () => {
    const org = await anOrg(suite.testDb.database.db);
    const admin = await aMember(suite.testDb.database.db, org, { role: 'admin' });
    const invite = await suite.app
      .client(admin.token)
      .users.invite.mutate({ email: 'Invited@Team.example', role: 'viewer' });
    expect(invite.inviteUrl).toContain(encodeURIComponent(invite.inviteToken));
    expect(invite.user).toMatchObject({ email: 'invited@team.example', role: 'viewer' });

    const session = await suite.app
      .client()
      .auth.acceptInvite.mutate({ token: invite.inviteToken, password: 'my own password!' });
    const me = await suite.app.client(session.token).auth.me.query();
    expect(me.user).toMatchObject({ email: 'invited@team.example', role: 'viewer' });

    const reused = await errorOf(
      suite.app
        .client()
        .auth.acceptInvite.mutate({ token: invite.inviteToken, password: 'another password' }),
    );
    expect(reused).toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      suite.app.client().auth.login.mutate({ email: 'invited@team.example', password: 'my own password!' }),
    ).resolves.toBeTruthy();
  });
});
