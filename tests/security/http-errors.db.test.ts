import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../backend/auth/secrets.ts';
import { authTokens } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import type { OrgRef } from '../../backend/org/lookup.ts';
import { aCustomer, aMember, anOrg, type Member } from '../support/builders.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase, testTarget } from '../support/test-database.ts';

/** What any HTTP client sees: status codes, error bodies and headers, over raw requests. */

let testDb: TestDatabase;
let app: TestApp;
let org: OrgRef;
let csm: Member;

interface ErrorBody {
  error: {
    message: string;
    data: { code: string; httpStatus: number; issues?: { path: (string | number)[] }[] };
  };
}

/** A tRPC call as a plain POST with a JSON body, the way the sidebar and scripts send them. */
function post(path: string, input: unknown, token?: string) {
  return app.fetch(`/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
    ...(token ? { token } : {}),
  });
}

const uuid = '00000000-0000-4000-8000-000000000000';

/** Asks for a timeline page after a hand-made cursor: cursors are opaque, but a client can send anything. */
function timelineAfter(key: [string, string]) {
  const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
  return post('customers.timeline', { customerId: uuid, cursor }, csm.token);
}

function get(path: string, input: unknown, token?: string) {
  return app.fetch(
    `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    token ? { token } : {},
  );
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await startTestApp(testDb.database);
  org = await anOrg(testDb.database.db);
  csm = await aMember(testDb.database.db, org, { role: 'csm' });
});
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

describe('authentication', () => {
  it('answers 401 without a token', async () => {
    const response = await post('customers.list', {});
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).error.data.code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['a malformed token', { authorization: 'Bearer not-a-token' }],
    ['a token that was never issued', { authorization: `Bearer cscx_sess_${'A'.repeat(43)}` }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 for %s', async (_name, headers) => {
    const response = await app.fetch('/trpc/customers.list', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('answers 401 for an expired token', async () => {
    const member = await aMember(testDb.database.db, org);
    expect((await post('customers.list', {}, member.token)).status).toBe(200);
    await inOrg(testDb.database.db, org.id, (tx) =>
      tx
        .update(authTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(authTokens.tokenHash, hashToken(member.token))),
    );
    expect((await post('customers.list', {}, member.token)).status).toBe(401);
  });

  it('answers 401 for a revoked token', async () => {
    const { token, info } = await app.client(csm.token).tokens.create.mutate({ name: 'script' });
    expect((await post('customers.list', {}, token)).status).toBe(200);
    await app.client(csm.token).tokens.revoke.mutate({ id: info.id });
    const response = await post('customers.list', {}, token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).error.message).toMatch(/invalid, expired or revoked/);
  });
});

describe('authorisation', () => {
  it('answers 403 when a viewer writes CRM data', async () => {
    const viewer = await aMember(testDb.database.db, org, { role: 'viewer' });
    const response = await post('customers.upsert', { name: 'Initech' }, viewer.token);
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error.data.code).toBe('FORBIDDEN');
  });

  it('answers 403 when a csm invites users or changes org settings', async () => {
    expect((await post('users.invite', { email: 'new@team.example', role: 'csm' }, csm.token)).status).toBe(
      403,
    );
    expect((await post('org.update', { name: 'Renamed' }, csm.token)).status).toBe(403);
  });
});

describe('bad input', () => {
  it('answers 400 with the zod issues and a readable message', async () => {
    const response = await post('customers.upsert', { name: '', domains: ['not a domain'] }, csm.token);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.issues?.map((i) => i.path)).toEqual(expect.arrayContaining([['name'], ['domains', 0]]));
    expect(error.message).toMatch(/^name: .+; domains\.0: not a domain name$/);
  });

  it.each<[string, () => Promise<Response>, number]>([
    [
      'an invalid JSON body',
      () =>
        app.fetch('/trpc/customers.upsert', {
          method: 'POST',
          token: csm.token,
          headers: { 'content-type': 'application/json' },
          body: '{"name": ',
        }),
      400,
    ],
    ['a number where a name belongs', () => post('customers.upsert', { name: 123 }, csm.token), 400],
    ['an array as the whole input', () => post('customers.upsert', [1, 2], csm.token), 400],
    ['a huge name', () => post('customers.upsert', { name: 'x'.repeat(1_000_000) }, csm.token), 400],
    ['a huge search', () => post('customers.list', { search: 'x'.repeat(100_000) }, csm.token), 400],
    ['a bad uuid', () => post('customers.get', { id: 'not-a-uuid' }, csm.token), 400],
    ['a uuid-shaped SQL fragment', () => post('customers.get', { id: "' or 1=1 --" }, csm.token), 400],
    ['a cursor that is not base64 JSON', () => post('customers.list', { cursor: '!!!' }, csm.token), 400],
    [
      'a cursor with a key that is not a uuid',
      () =>
        post(
          'customers.list',
          { cursor: Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url') },
          csm.token,
        ),
      400,
    ],
    ['a timeline cursor with a time that is not a time', () => timelineAfter(['yesterday', uuid]), 400],
    [
      'a timeline cursor with a key that is not a uuid',
      () => timelineAfter(['2024-01-01T00:00:00Z', 'x']),
      400,
    ],
    [
      'a timeline cursor at a six-digit year JavaScript accepts',
      () => timelineAfter(['+275760-09-13T00:00:00.000Z', uuid]),
      400,
    ],
    ['a timeline cursor before year one', () => timelineAfter(['-271821-04-20T00:00:00Z', uuid]), 400],
    ['a NUL byte in a name', () => post('customers.upsert', { name: 'Ini\u0000tech' }, csm.token), 400],
    ['a NUL byte in a search', () => post('customers.list', { search: 'a\u0000' }, csm.token), 400],
    [
      'a NUL byte in a thread participant',
      () => post('customers.context', { emails: ['a\u0000b@acme.example'] }, csm.token),
      400,
    ],
    [
      'a renewal date that does not exist',
      () => post('customers.upsert', { name: 'X', renewalDate: '2025-02-30' }, csm.token),
      400,
    ],
    ['a procedure that does not exist', () => post('customers.drop', {}, csm.token), 404],
    [
      'a query input in the URL that is not JSON',
      () => app.fetch('/trpc/customers.list?input=not-json', { token: csm.token }),
      400,
    ],
    [
      'a body that is not JSON by its content type',
      () =>
        app.fetch('/trpc/customers.upsert', {
          method: 'POST',
          token: csm.token,
          headers: { 'content-type': 'text/plain' },
          body: '{"name":"Initech"}',
        }),
      415,
    ],
    ['a mutation sent as GET', () => get('customers.upsert', { name: 'Initech' }, csm.token), 405],
  ])('answers 4xx, never 500, for %s', async (_name, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
  });

  it('refuses a body over the size limit without a 500', async () => {
    const response = await post('customers.upsert', { name: 'x'.repeat(6 * 1024 * 1024) }, csm.token);
    expect(response.status).toBe(413);
  });
});

describe('queries', () => {
  it('may be sent as POST so an email address never sits in a URL, and as GET', async () => {
    await aCustomer(testDb.database.db, org, { name: 'Initech', domains: ['initech.example'] });
    const byPost = await post('customers.context', { emails: ['peter@initech.example'] }, csm.token);
    const byGet = await get('customers.context', { emails: ['peter@initech.example'] }, csm.token);
    expect(byPost.status).toBe(200);
    expect(byGet.status).toBe(200);
    const body = (await byPost.json()) as { result: { data: { customer: { name: string } } } };
    expect(body.result.data.customer.name).toBe('Initech');
    expect(await byGet.json()).toEqual(body);
  });
});

describe('the HTTP surface', () => {
  it('reports health with the kind of database in use', async () => {
    const response = await app.fetch('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      db: testTarget() === 'postgres' ? 'postgres' : 'pglite',
    });
    expect((await app.fetch('/readyz')).status).toBe(200);
  });

  it('sends the server time as a Server-Timing header', async () => {
    for (const response of [await app.fetch('/healthz'), await post('system.ping', {}, csm.token)]) {
      expect(response.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d+)?$/);
    }
  });

  it('sends the security headers', async () => {
    const response = await post('system.ping', {}, csm.token);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('CORS', () => {
  it('allows no origin unless configured', async () => {
    const response = await app.fetch('/trpc/system.ping', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await app.fetch('/healthz', { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    const configured = await startTestApp(testDb.database, {
      env: { CSCX_CORS_ORIGINS: 'https://cscx.example, https://admin.cscx.example' },
    });
    try {
      const preflight = await configured.fetch('/trpc/system.ping', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://cscx.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://cscx.example');
      const call = await configured.fetch('/trpc/system.ping', {
        method: 'POST',
        token: csm.token,
        headers: { origin: 'https://admin.cscx.example', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(call.status).toBe(200);
      expect(call.headers.get('access-control-allow-origin')).toBe('https://admin.cscx.example');
      const other = await configured.fetch('/healthz', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await configured.close();
    }
  });
});
