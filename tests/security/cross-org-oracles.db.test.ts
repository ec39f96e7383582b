import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

/**
 * An address may be a member of several orgs, one account in each: no org can learn who belongs to
 * another, nor take an address or a name so that another org cannot have it.
 */

const suite = suiteWithApp();

async function twoOrgsWithAdmins() {
  const db = suite.testDb.database.db;
  const [acme, globex] = [await anOrg(db), await anOrg(db)];
  const acmeAdmin = await aMember(db, acme, { role: 'admin' });
  const globexAdmin = await aMember(db, globex, { role: 'admin' });
  return {
    acme,
    globex,
    acmeApi: suite.app.client(acmeAdmin.token),
    globexApi: suite.app.client(globexAdmin.token),
  };
}

describe('inviting an address', () => {
  it('answers the same whether or not another org has a member with it, and leaves that member alone', async () => {
    const { globex, acmeApi } = await twoOrgsWithAdmins();
    const db = suite.testDb.database.db;
    const elsewhere = await aMember(db, globex, {
      email: 'ana@shared.example',
      password: 'globex password 1',
    });
    const known = await acmeApi.users.invite.mutate({ email: 'ana@shared.example', role: 'csm' });
    const unknown = await acmeApi.users.invite.mutate({ email: 'nobody.yet@shared.example', role: 'csm' });
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(known.user).toMatchObject({ email: 'ana@shared.example', role: 'csm', mustChangePassword: false });
    const signIn = await suite.app.client().auth.login.mutate({
      email: 'ana@shared.example',
      password: 'globex password 1',
    });
    const me = await suite.app.client(signIn.token).auth.me.query();
    expect(me.user.id).toBe(elsewhere.id);
    expect(me.org.id).toBe(globex.id);
  });

  it('cannot be squatted: an address one org invited can still be invited by another', async () => {
    const { acmeApi, globexApi } = await twoOrgsWithAdmins();
    await acmeApi.users.invite.mutate({ email: 'bob@shared.example', role: 'viewer' });
    const invited = await globexApi.users.invite.mutate({ email: 'bob@shared.example', role: 'csm' });
    expect(invited.user.role).toBe('csm');
    expect((await globexApi.users.list.query()).map((u) => u.email)).toContain('bob@shared.example');
  });

  it('is refused only for an address the inviting org already has', async () => {
    const { acmeApi } = await twoOrgsWithAdmins();
    await acmeApi.users.invite.mutate({ email: 'cy@shared.example', role: 'viewer' });
    expect(
      await errorOf(acmeApi.users.invite.mutate({ email: 'cy@shared.example', role: 'csm' })),
    ).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('an org’s name', () => {
  it('may be one another org already has', async () => {
    const { acme, globexApi } = await twoOrgsWithAdmins();
    const renamed = await globexApi.org.update.mutate({ name: acme.name });
    expect(renamed.name).toBe(acme.name);
  });
});

describe('signing in with an address that is a member of two orgs', () => {
  it('lands in the org whose password it is', async () => {
    const { acme, globex } = await twoOrgsWithAdmins();
    const db = suite.testDb.database.db;
    await aMember(db, acme, { email: 'dee@shared.example', password: 'acme password 12' });
    await aMember(db, globex, { email: 'dee@shared.example', password: 'globex password 12' });
    const orgOf = async (password: string) => {
      const { token } = await suite.app.client().auth.login.mutate({ email: 'dee@shared.example', password });
      return (await suite.app.client(token).auth.me.query()).org.id;
    };
    expect(await orgOf('acme password 12')).toBe(acme.id);
    expect(await orgOf('globex password 12')).toBe(globex.id);
  });

  it('asks which org when the password is the same in both, and signs in to the one named', async () => {
    const { acme, globex } = await twoOrgsWithAdmins();
    const db = suite.testDb.database.db;
    const password = 'the same password in both';
    await aMember(db, acme, { email: 'eve@shared.example', password });
    await aMember(db, globex, { email: 'eve@shared.example', password });
    const ambiguous = await errorOf(
      suite.app.client().auth.login.mutate({ email: 'eve@shared.example', password }),
    );
    expect(ambiguous.code).toBe('BAD_REQUEST');
    expect(ambiguous.message).toContain(acme.id);
    expect(ambiguous.message).toContain(globex.id);
    const { token } = await suite.app
      .client()
      .auth.login.mutate({ email: 'eve@shared.example', password, orgId: globex.id });
    expect((await suite.app.client(token).auth.me.query()).org.id).toBe(globex.id);
  });
});
