import { describe, expect, it } from 'vitest';
import type { Clock } from '../../backend/clock.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aCustomer, aMember, anOrg, type Member } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { startTestApp } from '../support/test-app.ts';

/**
 * The role matrix: viewer reads; csm writes CRM data and manages their own tokens; admin manages users,
 * org settings and anyone's tokens.
 */

const suite = suiteWithApp();

async function anOrgWith(...roles: Member['role'][]): Promise<{ org: OrgRef; members: Member[] }> {
  const org = await anOrg(suite.testDb.database.db);
  const members: Member[] = [];
  for (const role of roles) members.push(await aMember(suite.testDb.database.db, org, { role }));
  return { org, members };
}

describe('a viewer', () => {
  it('reads customers, their context and the team', async () => {
    const { org, members } = await anOrgWith('viewer');
    const viewer = suite.app.client(members[0]!.token);
    const customer = await aCustomer(suite.testDb.database.db, org, {
      name: 'Initech',
      domains: ['initech.example'],
    });

    expect((await viewer.customers.list.query({})).items.map((c) => c.name)).toEqual(['Initech']);
    expect((await viewer.customers.get.query({ id: customer.id })).name).toBe('Initech');
    expect((await viewer.customers.context.query({ emails: ['peter@initech.example'] })).customer?.id).toBe(
      customer.id,
    );
    expect(await viewer.customers.timeline.query({ customerId: customer.id })).toMatchObject({ items: [] });
    expect((await viewer.users.list.query()).map((u) => u.role)).toEqual(['viewer']);
    expect((await viewer.org.get.query()).id).toBe(org.id);
  });

  it('cannot write CRM data nor hold personal access tokens', async () => {
    const { org, members } = await anOrgWith('viewer');
    const viewer = suite.app.client(members[0]!.token);
    const customer = await aCustomer(suite.testDb.database.db, org);

    const refused = [
      await errorOf(viewer.customers.upsert.mutate({ name: 'Hooli' })),
      await errorOf(viewer.customers.upsert.mutate({ id: customer.id, name: 'Renamed' })),
      await errorOf(viewer.contacts.upsert.mutate({ customerId: customer.id, email: 'a@initech.example' })),
      await errorOf(viewer.contacts.link.mutate({ customerId: customer.id, email: 'a@initech.example' })),
      await errorOf(viewer.tokens.create.mutate({ name: 'script' })),
      await errorOf(viewer.tokens.list.query()),
    ];
    for (const error of refused) expect(error).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
    expect((await viewer.customers.get.query({ id: customer.id })).contacts).toEqual([]);
  });
});

describe('a csm', () => {
  it('writes customers and contacts', async () => {
    const { members } = await anOrgWith('csm');
    const csm = suite.app.client(members[0]!.token);
    const customer = await csm.customers.upsert.mutate({ name: 'Initech', domains: ['initech.example'] });
    await csm.contacts.upsert.mutate({
      customerId: customer.id,
      email: 'peter@initech.example',
      role: 'champion',
    });
    await csm.contacts.link.mutate({ customerId: customer.id, email: 'milton@gmail.com' });
    const detail = await csm.customers.get.query({ id: customer.id });
    expect(detail.contacts.map((c) => c.email)).toEqual(['milton@gmail.com', 'peter@initech.example']);
  });

  it('creates, lists and revokes their own tokens, and sees no one else’s', async () => {
    const { members } = await anOrgWith('csm', 'csm');
    const [ana, ben] = [members[0]!, members[1]!];
    const anaClient = suite.app.client(ana.token);
    const { token, info } = await anaClient.tokens.create.mutate({ name: 'laptop script' });
    await suite.app.client(ben.token).tokens.create.mutate({ name: 'ben’s script' });

    const listed = await anaClient.tokens.list.query();
    expect(listed.every((t) => t.userId === ana.id)).toBe(true);
    expect(listed.map((t) => t.name)).toContain('laptop script');
    await expect(suite.app.client(token).auth.me.query()).resolves.toMatchObject({ tokenKind: 'pat' });

    await anaClient.tokens.revoke.mutate({ id: info.id });
    expect(await errorOf(suite.app.client(token).auth.me.query())).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await anaClient.tokens.list.query()).map((t) => t.id)).not.toContain(info.id);
    expect((await anaClient.tokens.list.query({ includeRevoked: true })).map((t) => t.id)).toContain(info.id);
  });

  it('cannot list or revoke another user’s tokens', async () => {
    const { members } = await anOrgWith('csm', 'csm');
    const [ana, ben] = [members[0]!, members[1]!];
    const bens = await suite.app.client(ben.token).tokens.create.mutate({ name: 'ben’s script' });
    const anaClient = suite.app.client(ana.token);

    expect(await errorOf(anaClient.tokens.list.query({ userId: ben.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await errorOf(anaClient.tokens.revoke.mutate({ id: bens.info.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(suite.app.client(bens.token).auth.me.query()).resolves.toBeTruthy();
  });

  it('cannot manage users or org settings', async () => {
    const { members } = await anOrgWith('admin', 'csm');
    const [admin, csm] = [members[0]!, members[1]!];
    const client = suite.app.client(csm.token);
    const refused = [
      await errorOf(client.users.invite.mutate({ email: 'new@team.example', role: 'csm' })),
      await errorOf(client.users.setRole.mutate({ userId: csm.id, role: 'admin' })),
      await errorOf(client.users.remove.mutate({ userId: admin.id })),
      await errorOf(client.org.update.mutate({ name: 'Taken over' })),
    ];
    for (const error of refused) expect(error).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
  });
});

describe('an admin', () => {
  it('invites users, changes their role and removes them, each taking effect on the next request', async () => {
    const { members } = await anOrgWith('admin', 'csm');
    const [admin, csm] = [members[0]!, members[1]!];
    const adminClient = suite.app.client(admin.token);

    const invited = await adminClient.users.invite.mutate({ email: 'Nia@Team.example', role: 'viewer' });
    expect(invited.user).toMatchObject({ email: 'nia@team.example', role: 'viewer' });

    await adminClient.users.setRole.mutate({ userId: csm.id, role: 'viewer' });
    expect(
      await errorOf(suite.app.client(csm.token).customers.upsert.mutate({ name: 'Hooli' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });

    await adminClient.users.remove.mutate({ userId: invited.user.id });
    const emails = (await adminClient.users.list.query()).map((u) => u.email);
    expect(emails).not.toContain('nia@team.example');
    expect(emails).toContain(csm.email);
  });

  it('changes the org’s name and own domains', async () => {
    const { members } = await anOrgWith('admin');
    const client = suite.app.client(members[0]!.token);
    const updated = await client.org.update.mutate({
      name: 'Acme Customer Success',
      domains: ['Acme.example', 'acme-corp.example', 'acme.example'],
    });
    expect(updated).toMatchObject({
      name: 'Acme Customer Success',
      domains: ['acme-corp.example', 'acme.example'],
    });
    expect(await client.org.get.query()).toEqual(updated);
  });

  it('lists and revokes anyone’s tokens', async () => {
    const { members } = await anOrgWith('admin', 'csm');
    const [admin, csm] = [members[0]!, members[1]!];
    const csmToken = await suite.app.client(csm.token).tokens.create.mutate({ name: 'csm script' });
    const adminClient = suite.app.client(admin.token);

    expect((await adminClient.tokens.list.query({ userId: csm.id })).map((t) => t.id)).toContain(
      csmToken.info.id,
    );
    const everyone = await adminClient.tokens.list.query();
    expect(new Set(everyone.map((t) => t.userId))).toEqual(new Set([admin.id, csm.id]));

    await adminClient.tokens.revoke.mutate({ id: csmToken.info.id });
    expect(await errorOf(suite.app.client(csmToken.token).auth.me.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('the last admin', () => {
  it('cannot be demoted or removed, until another admin exists', async () => {
    const { members } = await anOrgWith('admin', 'csm');
    const [admin, csm] = [members[0]!, members[1]!];
    const adminClient = suite.app.client(admin.token);

    expect(await errorOf(adminClient.users.setRole.mutate({ userId: admin.id, role: 'csm' }))).toMatchObject({
      code: 'CONFLICT',
      httpStatus: 409,
    });
    expect(await errorOf(adminClient.users.remove.mutate({ userId: admin.id }))).toMatchObject({
      code: 'CONFLICT',
    });
    await expect(adminClient.auth.me.query()).resolves.toMatchObject({ user: { role: 'admin' } });

    await adminClient.users.setRole.mutate({ userId: csm.id, role: 'admin' });
    await expect(adminClient.users.setRole.mutate({ userId: admin.id, role: 'csm' })).resolves.toMatchObject({
      role: 'csm',
    });
    const newAdmin = suite.app.client(csm.token);
    expect(await errorOf(newAdmin.users.remove.mutate({ userId: csm.id }))).toMatchObject({
      code: 'CONFLICT',
    });
    await newAdmin.users.remove.mutate({ userId: admin.id });
    expect(await errorOf(adminClient.auth.me.query())).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('removing a user', () => {
  it('ends their sessions and tokens, and their address can be invited again', async () => {
    const { members } = await anOrgWith('admin', 'csm');
    const [admin, csm] = [members[0]!, members[1]!];
    const pat = await suite.app.client(csm.token).tokens.create.mutate({ name: 'script' });
    const adminClient = suite.app.client(admin.token);

    await adminClient.users.remove.mutate({ userId: csm.id });

    expect(await errorOf(suite.app.client(csm.token).auth.me.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(await errorOf(suite.app.client(pat.token).customers.list.query({}))).toMatchObject({
      code: 'UNAUTHORIZED',
      httpStatus: 401,
    });
    const revoked = await adminClient.tokens.list.query({ userId: csm.id, includeRevoked: true });
    expect(revoked.length).toBe(2);
    expect(revoked.every((t) => t.revokedAt !== null)).toBe(true);

    const again = await adminClient.users.invite.mutate({ email: csm.email, role: 'viewer' });
    expect(again.user).toMatchObject({ email: csm.email, role: 'viewer' });
    expect(again.user.id).not.toBe(csm.id);
    const session = await suite.app.client().auth.acceptInvite.mutate({
      token: again.inviteToken,
      password: 'a fresh start password',
    });
    await expect(suite.app.client(session.token).auth.me.query()).resolves.toMatchObject({
      user: { id: again.user.id, role: 'viewer' },
    });
  });
});

describe('token use', () => {
  /** A clock the test moves by hand. */
  function aClock(start: Date): Clock & { advance(ms: number): void } {
    let at = start.getTime();
    return { now: () => new Date(at), advance: (ms) => (at += ms) };
  }

  it('is recorded in last_used_at at most once a minute', async () => {
    const clock = aClock(new Date());
    const clocked = await startTestApp(suite.testDb.database, { clock });
    try {
      const { members } = await anOrgWith('csm');
      const owner = clocked.client(members[0]!.token);
      const { token, info } = await owner.tokens.create.mutate({ name: 'script' });
      expect(info.lastUsedAt).toBeNull();
      const lastUsed = async () =>
        (await owner.tokens.list.query()).find((t) => t.id === info.id)?.lastUsedAt;

      clock.advance(1_000);
      const firstUse = clock.now().toISOString();
      await clocked.client(token).system.ping.query();
      expect(await lastUsed()).toBe(firstUse);

      clock.advance(30_000);
      await clocked.client(token).system.ping.query();
      clock.advance(29_000);
      await clocked.client(token).system.ping.query();
      expect(await lastUsed()).toBe(firstUse);

      clock.advance(2_000);
      await clocked.client(token).system.ping.query();
      expect(await lastUsed()).toBe(clock.now().toISOString());
    } finally {
      await clocked.close();
    }
  });

  it('slides a session’s 30-day expiry forward, and a session idle for 30 days has ended', async () => {
    const clock = aClock(new Date());
    const clocked = await startTestApp(suite.testDb.database, { clock });
    try {
      const { members } = await anOrgWith('csm');
      const member = members[0]!;
      const day = 24 * 60 * 60 * 1000;

      clock.advance(20 * day);
      await expect(clocked.client(member.token).system.ping.query()).resolves.toEqual({ ok: true });
      clock.advance(20 * day);
      await expect(clocked.client(member.token).system.ping.query()).resolves.toEqual({ ok: true });
      clock.advance(31 * day);
      expect(await errorOf(clocked.client(member.token).system.ping.query())).toMatchObject({
        code: 'UNAUTHORIZED',
      });
    } finally {
      await clocked.close();
    }
  });
});
