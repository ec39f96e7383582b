import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../backend/trpc/app-router.ts';
import type { RequestContext } from '../../backend/trpc/context.ts';
import { maxCallsPerBatch } from '../../shared/api/limits.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aCustomer, aMember, anOrg, type Member } from '../support/builders.ts';

/**
 * The server answers plain JSON calls itself (backend/http/trpc-plugin.ts) instead of through tRPC's
 * Fetch adapter: whatever a client sends, it must get what tRPC's own handler would have answered.
 * The reference is tRPC's Fastify plugin serving the same router with the same context.
 */
const suite = suiteWithApp();
let referenceUrl: string;
let close: () => Promise<unknown>;
let viewer: Member;
let csm: Member;
let customerId: string;

beforeAll(async () => {
  // As the server's own router: batches name their calls in the path.
  const reference = Fastify({ routerOptions: { maxParamLength: 5000 } });
  await reference.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      allowMethodOverride: true,
      maxBatchSize: maxCallsPerBatch,
      createContext: ({ req }: { req: FastifyRequest }): RequestContext => ({
        deps: suite.app.deps,
        bearerToken: /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1],
        ip: req.ip,
      }),
    },
  });
  referenceUrl = await reference.listen({ host: '127.0.0.1', port: 0 });
  close = () => reference.close();
  const db = suite.testDb.database.db;
  const org = await anOrg(db);
  viewer = await aMember(db, org, { role: 'viewer' });
  csm = await aMember(db, org);
  customerId = (await aCustomer(db, org, { name: 'Reference Ltd', domains: ['reference.example'] })).id;
});
afterAll(async () => {
  await close?.();
});

interface Exchange {
  status: number;
  contentType: string | null;
  vary: string | null;
  body: unknown;
}

async function exchange(
  base: string,
  path: string,
  init: RequestInit & { token?: string },
): Promise<Exchange> {
  const { token, headers, ...rest } = init;
  const response = await fetch(`${base}/trpc/${path}`, {
    ...rest,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(headers as Record<string, string>),
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    vary: response.headers.get('vary'),
    body: text ? JSON.parse(text) : null,
  };
}

const json = { 'content-type': 'application/json' };
const post = (input: unknown, token?: string) => ({
  method: 'POST',
  headers: json,
  body: JSON.stringify(input),
  ...(token ? { token } : {}),
});
const get = (token?: string) => ({ method: 'GET', ...(token ? { token } : {}) }) as const;

/** The same request to both servers: status, content type, vary and body must match. */
async function expectSameAnswer(path: string, init: () => RequestInit & { token?: string }) {
  const ours = await exchange(suite.app.url, path, init());
  const theirs = await exchange(referenceUrl, path, init());
  expect(ours).toEqual(theirs);
  return ours;
}

describe('a plain JSON call answered by the server itself', () => {
  it('answers a query sent as POST or GET, alone or batched, as tRPC does', async () => {
    const lookup = { emails: ['someone@reference.example'] };
    const single = await expectSameAnswer('customers.context', () => post(lookup, csm.token));
    expect(single.status).toBe(200);
    await expectSameAnswer(`customers.context?input=${encodeURIComponent(JSON.stringify(lookup))}`, () =>
      get(csm.token),
    );
    await expectSameAnswer('system.ping,customers.context?batch=1', () => post({ 1: lookup }, csm.token));
    await expectSameAnswer(
      `system.ping,customers.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: { id: customerId } }))}`,
      () => get(csm.token),
    );
    await expectSameAnswer('system.ping', () => post(null, csm.token));
    await expectSameAnswer('system.ping', () => ({ method: 'POST', headers: json, token: csm.token }));
  });

  it('answers failures with the same error shapes and statuses, a mixed batch with 207', async () => {
    await expectSameAnswer('system.ping', () => post(null));
    await expectSameAnswer('customers.context', () => post({ emails: [] }, csm.token));
    await expectSameAnswer('customers.get', () =>
      post({ id: '00000000-0000-4000-8000-000000000000' }, csm.token),
    );
    await expectSameAnswer('customers.upsert', () => post({ name: 'Not Allowed Ltd' }, viewer.token));
    const mixed = await expectSameAnswer('system.ping,customers.get?batch=1', () =>
      post({ 1: { id: 'not-a-uuid' } }, csm.token),
    );
    expect(mixed.status).toBe(207);
  });

  it('leaves to tRPC what it does not serve itself, with the same answers', async () => {
    await expectSameAnswer('no.such.procedure', () => post(null, csm.token));
    await expectSameAnswer('customers.upsert', () => get(csm.token));
    await expectSameAnswer('customers.context', () => ({
      method: 'POST',
      headers: json,
      body: '{"emails": [',
      token: csm.token,
    }));
    await expectSameAnswer('customers.context', () => ({
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
      token: csm.token,
    }));
    await expectSameAnswer('system.ping,system.ping?batch=1', () => post([null, null], csm.token));
    const tooMany = Array.from({ length: maxCallsPerBatch + 1 }, () => 'system.ping').join(',');
    await expectSameAnswer(`${tooMany}?batch=1`, () => post({}, csm.token));
  });
});
