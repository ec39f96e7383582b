import { describe, expect, it } from 'vitest';
import { appRouter } from '../../backend/trpc/app-router.ts';
import { createCallerFactory } from '../../backend/trpc/trpc.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { testTarget } from '../support/test-database.ts';

/**
 * One user's backlog must not stand between another org and the database: each token has at most
 * a few transactions waiting for it at once (one on the embedded database), the rest wait their turn.
 */
const suite = suiteWithApp();

describe('a token with many calls in flight', () => {
  it('lets another org’s call through before its own backlog', async () => {
    const db = suite.testDb.database.db;
    const flooder = await aMember(db, await anOrg(db));
    const neighbour = await aMember(db, await anOrg(db));
    const callerFor = (token: string) =>
      createCallerFactory(appRouter)({ deps: suite.app.deps, bearerToken: token, ip: '127.0.0.1' });

    // Both have called before: the flood's calls and the neighbour's are alike but for their number.
    await callerFor(flooder.token).system.ping();
    await callerFor(neighbour.token).system.ping();
    const finished: string[] = [];
    const backlog = Array.from({ length: 20 }, (_, i) =>
      callerFor(flooder.token)
        .system.ping()
        .then(() => finished.push(`flooder ${i}`)),
    );
    await callerFor(neighbour.token).system.ping();
    finished.push('neighbour');
    await Promise.all(backlog);
    const ahead = finished.indexOf('neighbour');
    // One transaction per token waits on the embedded database, four on a real server.
    expect(ahead).toBeLessThanOrEqual(testTarget() === 'embedded' ? 2 : 8);
  });
});
