import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { Transactions } from '../../backend/db/tenancy.ts';
import type { PublicDeps } from '../../backend/deps.ts';
import { appRouter } from '../../backend/trpc/app-router.ts';
import { createCallerFactory } from '../../backend/trpc/trpc.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';

/**
 * A flood of calls over the limit must not queue for the embedded database's one connection ahead
 * of other orgs' calls (the flood row of `npm run bench`): once a user has used their minute, their
 * calls are refused before any transaction is opened.
 */
const callsPerMinute = 5;
const suite = suiteWithApp({ env: { CSCX_RATE_LIMIT: String(callsPerMinute) } });

/** The app's own transactions, counting how many requests opened one. */
function countingTransactions(deps: PublicDeps) {
  const counted = { opened: 0 };
  const transactions: Transactions = {
    ...deps.transactions,
    asBearer: (token, now, work) => {
      counted.opened++;
      return deps.transactions.asBearer(token, now, work);
    },
  };
  return { counted, deps: { ...deps, transactions } };
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'OK',
    (error: unknown) => {
      if (error instanceof TRPCError) return error.code;
      if (error instanceof TRPCClientError) return String(error.data?.code);
      return 'other';
    },
  );
}

describe('a user who has used their minute', () => {
  it('is refused without a transaction being opened, and other users are not', async () => {
    const db = suite.testDb.database.db;
    const flooder = await aMember(db, await anOrg(db));
    const neighbour = await aMember(db, await anOrg(db));
    const { counted, deps } = countingTransactions(suite.app.deps);
    const callerFor = (token: string) =>
      createCallerFactory(appRouter)({ deps, bearerToken: token, ip: '127.0.0.1' });

    const codes: string[] = [];
    for (let i = 0; i < callsPerMinute + 20; i++)
      codes.push(await codeOf(callerFor(flooder.token).system.ping()));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(callsPerMinute);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(20);
    // Only the calls within the limit opened a transaction.
    expect(counted.opened).toBe(callsPerMinute);

    expect(await codeOf(callerFor(neighbour.token).system.ping())).toBe('OK');
  });

  it('is answered over HTTP before tRPC reads the request, in the shape a tRPC client expects', async () => {
    const db = suite.testDb.database.db;
    const flooder = await aMember(db, await anOrg(db));
    const caller = createCallerFactory(appRouter)({
      deps: suite.app.deps,
      bearerToken: flooder.token,
      ip: '127.0.0.1',
    });
    for (let i = 0; i < callsPerMinute; i++) await caller.system.ping();

    const batched = suite.app.client(flooder.token);
    const codes = await Promise.all([codeOf(batched.system.ping.query()), codeOf(batched.auth.me.query())]);
    expect(codes).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    const single = suite.app.client(flooder.token, { batch: false });
    expect(await codeOf(single.system.ping.query())).toBe('TOO_MANY_REQUESTS');
    const response = await suite.app.fetch('/trpc/system.ping', { method: 'POST', token: flooder.token });
    expect(response.status).toBe(429);
    // Only the early answer says when to retry: tRPC's own has no such header.
    expect(response.headers.get('retry-after')).toBe('60');
  });
});
