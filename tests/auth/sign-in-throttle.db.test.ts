import { createTRPCClient, httpLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { insertToken } from '../../backend/auth/queries.ts';
import { emailHash, issueToken } from '../../backend/auth/secrets.ts';
import { signInPolicy } from '../../backend/auth/throttle.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { AppRouter } from '../../backend/trpc/app-router.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

/** Behind a trusted proxy on loopback, so each test can sign in from the addresses it names. */
const suite = suiteWithApp({ env: { CSCX_TRUST_PROXY: '127.0.0.1' } });

function fromIp(ip: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${suite.app.url}/trpc`,
        headers: () => ({ 'x-forwarded-for': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) }),
      }),
    ],
  });
}

let sequence = 0;
async function aUserWithPassword(password = 'the right password') {
  const email = `user${++sequence}-${Date.now()}@team.example`;
  const db = suite.testDb.database.db;
  await aMember(db, await anOrg(db), { email, password });
  return { email, password };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { data?: { code?: string } }) => error.data?.code ?? 'no code',
  );

describe('the sign-in throttle', () => {
  it('holds under 40 simultaneous attempts: only the first five are even checked', async () => {
    const { email, password } = await aUserWithPassword();
    const client = fromIp('203.0.113.10');
    const attempts = Array.from({ length: 40 }, (_, i) =>
      codeOf(client.auth.login.mutate({ email, password: i === 39 ? password : `guess ${i}` })),
    );
    const codes = await Promise.all(attempts);
    const checked = codes.filter((c) => c !== 'TOO_MANY_REQUESTS');
    expect(checked.length).toBeLessThanOrEqual(signInPolicy.perAddressAndIp);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(35);
  });

  it('slows one address from one IP without locking the user out from their own', async () => {
    const { email, password } = await aUserWithPassword();
    const attacker = fromIp('198.51.100.7');
    for (let i = 0; i < signInPolicy.perAddressAndIp; i++) {
      expect(await codeOf(attacker.auth.login.mutate({ email, password: `guess ${i}` }))).toBe(
        'UNAUTHORIZED',
      );
    }
    expect(await codeOf(attacker.auth.login.mutate({ email, password }))).toBe('TOO_MANY_REQUESTS');
    expect(await codeOf(fromIp('192.0.2.44').auth.login.mutate({ email, password }))).toBe('OK');
  });

  it('slows an IP that fails for many different addresses (password spraying)', async () => {
    const sprayer = fromIp('198.51.100.99');
    for (let i = 0; i < signInPolicy.perIpAddresses; i++) {
      await codeOf(
        sprayer.auth.login.mutate({ email: `victim${i}@elsewhere.example`, password: 'Summer2026!' }),
      );
    }
    const { email, password } = await aUserWithPassword();
    expect(await codeOf(sprayer.auth.login.mutate({ email, password }))).toBe('TOO_MANY_REQUESTS');
    expect(await codeOf(fromIp('192.0.2.45').auth.login.mutate({ email, password }))).toBe('OK');
  });

  it('stops guessing from many IPs, but lets in an IP the user signed in from before', async () => {
    const { email, password } = await aUserWithPassword();
    expect(await codeOf(fromIp('192.0.2.80').auth.login.mutate({ email, password }))).toBe('OK');
    for (let i = 0; i < signInPolicy.perAddress; i++) {
      await codeOf(
        fromIp(`100.64.${Math.floor(i / 200)}.${i % 200}`).auth.login.mutate({ email, password: `g${i}` }),
      );
    }
    expect(await codeOf(fromIp('192.0.2.81').auth.login.mutate({ email, password }))).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(await codeOf(fromIp('192.0.2.80').auth.login.mutate({ email, password }))).toBe('OK');
  }, 60_000);

  it('counts wrong current passwords given to auth.changePassword', async () => {
    const { email, password } = await aUserWithPassword();
    const { token } = await fromIp('192.0.2.90').auth.login.mutate({ email, password });
    const signedIn = fromIp('192.0.2.90', token);
    for (let i = 0; i < signInPolicy.perAddressAndIp; i++) {
      const error = await errorOf(
        signedIn.auth.changePassword.mutate({
          currentPassword: `guess ${i}`,
          newPassword: 'a brand new password',
        }),
      );
      expect(error.code).toBe('BAD_REQUEST');
    }
    expect(
      await codeOf(
        signedIn.auth.changePassword.mutate({
          currentPassword: password,
          newPassword: 'a brand new password',
        }),
      ),
    ).toBe('TOO_MANY_REQUESTS');
  });

  it('prunes attempts the policy no longer reads', async () => {
    const { email, password } = await aUserWithPassword();
    const { sql: raw } = suite.testDb.database;
    const longAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await raw`insert into sign_in_attempts (email_hash, ip, succeeded, at)
      select ${emailHash(email)}, '192.0.2.100', false, ${longAgo}::timestamptz from generate_series(1, 10)`;
    await raw`insert into sign_in_attempts (email_hash, ip, succeeded, at)
      select md5(g::text), '198.51.100.200', false, ${longAgo}::timestamptz from generate_series(1, 150) g`;
    expect(await codeOf(fromIp('192.0.2.100').auth.login.mutate({ email, password }))).toBe('OK');
    const [left] = await raw<{ n: number }[]>`
      select count(*)::int as n from sign_in_attempts where at < now() - interval '1 day'`;
    expect(left?.n).toBe(0);
  });
});

describe('before a one-time password is changed', () => {
  it('refuses auth.updateMe, and a personal access token made with the CLI is held back too', async () => {
    const db = suite.testDb.database.db;
    const org = await anOrg(db);
    const member = await aMember(db, org, { mustChangePassword: true });
    const session = suite.app.client(member.token);
    expect(await errorOf(session.auth.updateMe.mutate({ name: 'New name' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await session.auth.me.query()).toMatchObject({ user: { mustChangePassword: true } });

    const issued = issueToken('pat');
    await inOrg(db, org.id, (tx) =>
      insertToken(tx, {
        orgId: org.id,
        userId: member.id,
        kind: 'pat',
        prefix: issued.prefix,
        tokenHash: issued.hash,
        expiresAt: new Date(Date.now() + 86_400_000),
      }),
    );
    const pat = suite.app.client(issued.token);
    expect(await errorOf(pat.customers.list.query({}))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await pat.auth.me.query()).tokenKind).toBe('pat');
  });
});
