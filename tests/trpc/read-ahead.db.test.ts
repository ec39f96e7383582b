import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../backend/auth/secrets.ts';
import { authTokens, customers } from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { orgProcedure } from '../../backend/trpc/procedures.ts';
import { createCallerFactory, router } from '../../backend/trpc/trpc.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aCustomer, aMember, anOrg, type Member } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';
import { startTestApp } from '../support/test-app.ts';

/**
 * A query is sent with the principal its token resolved to last time, beside the token's resolution
 * in the same transaction (tenancy.ts): these hold it to answering only for who the token names now.
 */

/** What each probe statement ran as, when it ran at all. */
let ranAs: string[] = [];

const probes = router({
  whoRuns: orgProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.deps.db.execute<{ user: string }>(sql`select current_user as "user"`);
    ranAs.push(row?.user ?? 'nobody');
    return row?.user;
  }),
  writeInQuery: orgProcedure.query(async ({ ctx }) => {
    await ctx.deps.db
      .insert(customers)
      .values({ orgId: ctx.deps.principal.orgId, name: 'Written by a query' });
    return 'written';
  }),
});

const suite = suiteWithApp();
const db = () => suite.testDb.database.db;
const probeAs = (member: Member) =>
  createCallerFactory(probes)({ deps: suite.app.deps, bearerToken: member.token, ip: '127.0.0.1' });

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );
}

async function revoke(member: Member): Promise<void> {
  await inOrg(db(), member.orgId, (tx) =>
    tx
      .update(authTokens)
      .set({ revokedAt: new Date() })
      .where(eq(authTokens.tokenHash, hashToken(member.token))),
  );
}

describe('a query sent before its token has resolved', () => {
  it('is refused at once when the token was revoked meanwhile, and none of its statements ran', async () => {
    const member = await aMember(db(), await anOrg(db()));
    await probeAs(member).whoRuns();
    await probeAs(member).whoRuns();
    await revoke(member);
    ranAs = [];
    expect(await codeOf(probeAs(member).whoRuns())).toBe('UNAUTHORIZED');
    // Sent behind the token's resolution, the statement was refused with it: it never ran as the
    // login role, outside row-level security.
    expect(ranAs).toEqual([]);
    expect(await codeOf(probeAs(member).whoRuns())).toBe('UNAUTHORIZED');
  });

  it('is refused by this instance when the token was revoked through another one', async () => {
    const member = await aMember(db(), await anOrg(db()));
    const here = suite.app.client(member.token);
    await here.system.ping.query();
    await here.system.ping.query();
    const elsewhere = await startTestApp(suite.testDb.database);
    try {
      await elsewhere.client(member.token).auth.logout.mutate();
    } finally {
      await elsewhere.close();
    }
    expect(await errorOf(here.system.ping.query())).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('answers with the role the member has now', async () => {
    const org = await anOrg(db());
    const [owner, demoted] = [
      await aMember(db(), org, { role: 'admin' }),
      await aMember(db(), org, { role: 'admin' }),
    ];
    const demotedClient = suite.app.client(demoted.token);
    const asked = { domains: ['elsewhere.example'] };
    await expect(demotedClient.org.domainConflicts.query(asked)).resolves.toEqual([]);
    await expect(demotedClient.org.domainConflicts.query(asked)).resolves.toEqual([]);
    await suite.app.client(owner.token).users.setRole.mutate({ userId: demoted.id, role: 'csm' });
    expect(await errorOf(demotedClient.org.domainConflicts.query(asked))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('matches with the org’s domains as they are now', async () => {
    const org = await anOrg(db());
    const admin = await aMember(db(), org, { role: 'admin' });
    const customer = await aCustomer(db(), org, { name: 'Partner Ltd', domains: ['partner.example'] });
    const client = suite.app.client(admin.token);
    const lookup = { emails: ['someone.new@partner.example'] };
    expect((await client.customers.context.query(lookup)).customer?.id).toBe(customer.id);
    expect((await client.customers.context.query(lookup)).customer?.id).toBe(customer.id);
    // The partner's domain becomes one of the org's own: an address there is a colleague's now.
    await client.org.update.mutate({ domains: ['partner.example'] });
    expect((await client.customers.context.query(lookup)).customer).toBeNull();
  });
});

describe('a query', () => {
  it('runs in a read-only transaction: one that writes fails and leaves nothing behind', async () => {
    const org = await anOrg(db());
    const member = await aMember(db(), org);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await codeOf(probeAs(member).writeInQuery())).toBe('INTERNAL_SERVER_ERROR');
    }
    const written = await inOrg(db(), org.id, (tx) =>
      tx.select().from(customers).where(eq(customers.orgId, org.id)),
    );
    expect(written).toEqual([]);
  });
});
