import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orgProcedure } from '../../backend/trpc/procedures.ts';
import { createCallerFactory, router } from '../../backend/trpc/trpc.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';
import { testTarget } from '../support/test-database.ts';

const suite = suiteWithApp();

const probes = router({
  timeoutSetting: orgProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.deps.db.execute<{ timeout: string }>(
      sql`select current_setting('statement_timeout') as timeout`,
    );
    return row?.timeout;
  }),
  sleep: orgProcedure.query(({ ctx }) => ctx.deps.db.execute(sql`select pg_sleep(8)`)),
});

async function caller() {
  const db = suite.testDb.database.db;
  const member = await aMember(db, await anOrg(db));
  return createCallerFactory(probes)({ deps: suite.app.deps, bearerToken: member.token, ip: '127.0.0.1' });
}

describe('a request transaction', () => {
  it('carries a statement timeout of its own', async () => {
    expect(await (await caller()).timeoutSetting()).toBe('5s');
  });

  // PGlite cannot interrupt a statement (no timer signals in its WebAssembly build): the real server does.
  it.runIf(testTarget() === 'postgres')(
    'has a statement that runs longer cut off after 5 s on a real server',
    async () => {
      const started = Date.now();
      await expect((await caller()).sleep()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(7_000);
    },
    15_000,
  );
});
