import { createTRPCClient, httpLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '../../backend/trpc/app-router.ts';
import { maxCallsPerBatch } from '../../shared/api/limits.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';

/** Small limits, so that a test can reach them; behind a trusted proxy, so it can name the caller's address. */
const callsPerMinute = 25;
const suite = suiteWithApp({
  env: {
    CSCX_RATE_LIMIT: String(callsPerMinute),
    CSCX_SIGN_IN_RATE_LIMIT: '5',
    CSCX_TRUST_PROXY: '127.0.0.1',
  },
});

function batchOf(procedure: string, calls: number, headers: Record<string, string>) {
  const paths = Array.from({ length: calls }, () => procedure).join(',');
  const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, {}]));
  return suite.app.fetch(`/trpc/${paths}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

function fromIp(ip: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${suite.app.url}/trpc`, headers: () => ({ 'x-forwarded-for': ip }) })],
  });
}

const codesOf = async (response: Response) =>
  ((await response.json()) as { error?: { data?: { code?: string } } }[]).map(
    (r) => r.error?.data?.code ?? 'OK',
  );

describe('a batch', () => {
  it(`of more than ${maxCallsPerBatch} calls is refused whole`, async () => {
    const db = suite.testDb.database.db;
    const member = await aMember(db, await anOrg(db));
    const response = await batchOf('system.ping', maxCallsPerBatch + 1, {
      authorization: `Bearer ${member.token}`,
      'x-forwarded-for': '192.0.2.1',
    });
    expect(response.status).toBe(400);
  });

  it('costs one unit of the rate limit per call, not per request', async () => {
    const db = suite.testDb.database.db;
    const member = await aMember(db, await anOrg(db));
    const headers = { authorization: `Bearer ${member.token}`, 'x-forwarded-for': '192.0.2.2' };
    const codes: string[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(...(await codesOf(await batchOf('system.ping', maxCallsPerBatch, headers))));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(callsPerMinute);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(
      3 * maxCallsPerBatch - callsPerMinute,
    );
    const other = await aMember(db, await anOrg(db));
    const fresh = await codesOf(
      await batchOf('system.ping', 1, {
        authorization: `Bearer ${other.token}`,
        'x-forwarded-for': '192.0.2.2',
      }),
    );
    expect(fresh, 'another user at the same address has a budget of their own').toEqual(['OK']);
  });
});

describe('calls with tokens that are not valid', () => {
  it('share one budget per address, however many different bearer strings are sent', async () => {
    const codes: string[] = [];
    for (let i = 0; i < callsPerMinute + 5; i++) {
      const response = await batchOf('system.ping', 1, {
        authorization: `Bearer cscx_pat_${'x'.repeat(40)}${i}`,
        'x-forwarded-for': '198.51.100.3',
      });
      codes.push(...(await codesOf(response)));
    }
    expect(codes.slice(0, callsPerMinute).every((c) => c === 'UNAUTHORIZED')).toBe(true);
    expect(codes.slice(callsPerMinute)).toEqual(Array(5).fill('TOO_MANY_REQUESTS'));
  });
});

describe('sign-ins from one address', () => {
  it('are limited per minute before any password is hashed, and other addresses are not', async () => {
    const attempt = (ip: string, i: number) =>
      fromIp(ip)
        .auth.login.mutate({ email: `nobody${i}@nowhere.example`, password: 'whatever it is' })
        .then(
          () => 'OK',
          (error: { data?: { code?: string } }) => error.data?.code,
        );
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++) codes.push(await attempt('198.51.100.4', i));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHORIZED'));
    expect(codes.slice(5)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(await attempt('198.51.100.5', 99)).toBe('UNAUTHORIZED');
  });
});
