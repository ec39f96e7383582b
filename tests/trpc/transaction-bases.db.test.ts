import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/client.ts';
import { TransactionEndedError } from '../../backend/db/prepared-statements.ts';
import { orgProcedure, streamingOrgProcedure } from '../../backend/trpc/procedures.ts';
import { createCallerFactory, router } from '../../backend/trpc/trpc.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg, type Member } from '../support/builders.ts';

interface Session {
  user: string;
  org: string;
  txid: string;
}

const whoAmI = sql`select current_user as "user", current_setting('app.org_id', true) as org, txid_current()::text as txid`;

async function sessionOf(db: Db): Promise<Session> {
  const [row] = await db.execute<Session & Record<string, unknown>>(whoAmI);
  if (!row) throw new Error('no row');
  return { user: row.user, org: row.org, txid: row.txid };
}

/** Lets a test hold a stream between two steps, to see what else runs meanwhile. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

let leaked: Db | undefined;
let streamGate = gate();

const probes = router({
  streamedSessions: streamingOrgProcedure.subscription(async function* ({ ctx }) {
    yield await ctx.deps.inOrg(sessionOf);
    await streamGate.opened;
    yield await ctx.deps.inOrg(sessionOf);
  }),
  subscriptionInTransaction: orgProcedure.subscription(async function* ({ ctx }) {
    yield await sessionOf(ctx.deps.db);
  }),
  streamedQueryInTransaction: orgProcedure.mutation(async ({ ctx }) => {
    await ctx.deps.db.execute(
      sql`insert into customers (org_id, name) values (${ctx.deps.principal.orgId}, 'Streamed Ltd')`,
    );
    return (async function* () {
      yield await sessionOf(ctx.deps.db);
    })();
  }),
  leakTransaction: orgProcedure.query(({ ctx }) => {
    leaked = ctx.deps.db;
    return 'leaked';
  }),
  contextOf: orgProcedure.query(({ ctx }) => reachable(ctx)),
  streamingContextOf: streamingOrgProcedure.query(({ ctx }) => reachable(ctx)),
});

/** Every object reachable from a handler's context through its properties. */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const walk = (value: unknown, depth: number) => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return;
    if (seen.has(value) || depth > 6) return;
    seen.add(value);
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], depth + 1);
  };
  walk(root, 0);
  return [...seen];
}

const suite = suiteWithApp();
const callerFor = (member: Member) =>
  createCallerFactory(probes)({ deps: suite.app.deps, bearerToken: member.token, ip: '127.0.0.1' });

async function aSignedInMember(): Promise<Member> {
  const db = suite.testDb.database.db;
  return aMember(db, await anOrg(db));
}

async function failureOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('the streaming base', () => {
  it('runs each step of a subscription as the app role in the caller’s org, in a short transaction of its own', async () => {
    const member = await aSignedInMember();
    streamGate = gate();
    const stream = await callerFor(member).streamedSessions();
    const steps: Session[] = [];
    const reading = (async () => {
      for await (const step of stream) steps.push(step);
    })();
    while (steps.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // While the stream waits, no transaction is held: another request is served at once.
    const ping = await suite.app.client(member.token).system.ping.query();
    expect(ping).toEqual({ ok: true });
    streamGate.open();
    await reading;
    expect(steps.map(({ user, org }) => ({ user, org }))).toEqual([
      { user: 'cscx_app', org: member.orgId },
      { user: 'cscx_app', org: member.orgId },
    ]);
    expect(steps[0]?.txid).not.toBe(steps[1]?.txid);
  });

  it('refuses a caller without a valid token before the stream starts', async () => {
    const stranger = { ...(await aSignedInMember()), token: 'cscx_sess_not-a-real-token' };
    expect((await failureOf(callerFor(stranger).streamedSessions())).code).toBe('UNAUTHORIZED');
  });
});

describe('the transaction-holding base', () => {
  it('refuses a subscription at run time', async () => {
    const error = await failureOf(callerFor(await aSignedInMember()).subscriptionInTransaction());
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toMatch(/streamingOrgProcedure/);
  });

  it('refuses a handler that returns a stream, and commits nothing it wrote', async () => {
    const member = await aSignedInMember();
    const error = await failureOf(callerFor(member).streamedQueryInTransaction());
    expect(error.message).toMatch(/streamingOrgProcedure/);
    const customers = await suite.app.client(member.token).customers.list.query({ search: 'Streamed' });
    expect(customers.items).toEqual([]);
  });

  it('makes its transaction throw when used after the request ended', async () => {
    await callerFor(await aSignedInMember()).leakTransaction();
    expect(leaked).toBeDefined();
    // drizzle wraps what the driver throws as the cause of its own "Failed query" error.
    await expect(sessionOf(leaked as Db)).rejects.toMatchObject({
      cause: expect.any(TransactionEndedError),
    });
  });
});

describe('what a handler can reach', () => {
  it('holds no database handle on either base: only the request’s transaction or short org transactions', async () => {
    const { database } = suite.testDb;
    const handles = [database, database.db, database.sql];
    const member = await aSignedInMember();
    for (const objects of [
      await callerFor(member).contextOf(),
      await callerFor(member).streamingContextOf(),
    ]) {
      expect(objects.length).toBeGreaterThan(3);
      for (const handle of handles) expect(objects).not.toContain(handle);
    }
  });
});
